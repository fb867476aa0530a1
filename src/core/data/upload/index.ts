// Bring your own data (issue #5): the pure parsing core. Runs in a worker, Node and tests.
export { parseCsvBytes, parseCsvUpload, MAX_CATEGORIES, MAX_CLASSES, MAX_CSV_BYTES } from './csv';
export { IMAGE_DEFAULTS, parseImageFolder, parseImageUpload, parseImageZip } from './images';
export type { ImageSource } from './imageSource';
export { browserDecoder } from './browserDecode';
export { defaultDecoder } from './decode';
export { decodePng, PngError, pngDecoder } from './png';
export { sniffImage } from './sniff';
export type { ImageInfo } from './sniff';
export { suggestModel } from './suggest';
export { IMBALANCE_RATIO } from './common';
export { uploadTransferables } from './transfer';
export { openUploadStore, summarize, UPLOAD_DB } from './persist';
export type {
  SavedUpload,
  SavedUploadSource,
  SavedUploadSummary,
  StoreError,
  StoreResult,
  UploadStore,
} from './persist';
export { assertNever, formatBytes } from './messages';
export type {
  ClassCount,
  DropReason,
  SkipReason,
  UploadError,
  UploadErrorCode,
  UploadWarning,
  UploadWarningCode,
} from './errors';
export type * from './types';
