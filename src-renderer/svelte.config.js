// Read by the Svelte Vite plugin and svelte-check: TypeScript in <script lang="ts"> needs no preprocessor in Svelte 5.
export default { compilerOptions: { runes: true } };
