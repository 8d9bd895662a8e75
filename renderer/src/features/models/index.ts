export { ModelsPage } from './models-page.js';
