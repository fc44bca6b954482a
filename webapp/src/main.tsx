import { render } from 'preact';
import { createApiClient } from './api/client';
import { App } from './app/App';
import './styles.css';

const root = document.getElementById('app');
if (!root) {
  throw new Error('index.html has no element with id "app" to render the console into');
}
render(<App api={createApiClient((input, init) => window.fetch(input, init))} />, root);
