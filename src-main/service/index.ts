// The transport-free backend that Electron IPC and browser mode both call after their border checks.
export { PortholeService, type ServiceOptions } from './porthole-service.js';
export { PortholeError, asServiceError, serviceError, toTransportError } from './errors.js';
export { dispatch } from './dispatch.js';
export type { ServiceErrorCode } from './errors.js';
export { exportFilename } from './handlers/history.js';
