export { CHROMIUM_PATH, launchChromium } from '../../proxy-core/src/testing/chromium.js';
