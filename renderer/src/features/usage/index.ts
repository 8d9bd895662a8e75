export { UsagePage } from './usage-page.js';
export { bucketKey, fillSeries, niceScale, type SeriesPoint } from './time-series.js';
