import { mount } from 'svelte';
import App from './App.svelte';
import { connect } from './lib/api/client';
import './app.css';

const target = document.getElementById('app');
if (target) mount(App, { target, props: { api: connect() } });
