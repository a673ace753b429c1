/** Opens a URL in the user's browser; failing to do so is never fatal (the URL is printed anyway). */
import { spawn } from 'node:child_process';

export function openBrowser(url: string, onProblem: (message: string) => void): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => onProblem(`could not start ${cmd}; open the URL above yourself`));
    child.unref();
  } catch {
    onProblem(`could not start ${cmd}; open the URL above yourself`);
  }
}
