// Entry point: picks the transport, builds the store, mounts the window and starts listening.
import { mount } from 'svelte';
import App from './App.svelte';
import { Router } from './lib/router.svelte.js';
import { PortholeStore } from './lib/store.svelte.js';
import { pickTransport } from './lib/transport.js';

const transport = pickTransport();
const store = new PortholeStore(transport.api, Date.now, {
  onConnectionChange: transport.onConnectionChange,
  // The address says where the window is: reload, back/forward and links all go through it.
  router: new Router(window),
  onTokenRefused: transport.onTokenRefused,
});
const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Ask for the state first: its 2.8 MB (10,000 sockets) then travel while the window mounts.
void store.start();
mount(App, { target, props: { store, transport: transport.kind } });
