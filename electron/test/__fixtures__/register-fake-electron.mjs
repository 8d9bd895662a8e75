// `node --import ./register-fake-electron.mjs main.js`: boot the main process against the fake electron module.
import { register } from 'node:module';

register('./fake-electron-hooks.mjs', import.meta.url);
