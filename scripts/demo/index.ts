// Public API of the synthetic FineHARD generator, for the demo CLI and future training-data scripts.

export { type Sample, type SampleOptions, generateScene } from './sample.ts';
export { renderJpeg } from './jpeg.ts';
export { type DatasetOptions, type DatasetResult, makeDataset } from './dataset.ts';
export { type FineHardRecord, type RegionRecord } from './record.ts';
export { type Outcome, type Manifest, openDatasetWriter } from './write.ts';
export { keyOf, fPathOf, urlOf, imagePathOf } from './keys.ts';
