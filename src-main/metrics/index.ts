// Public face of the Prometheus border, loaded by `porthole metrics` only (prom-client comes with it).
export { startMetricsDaemon, type MetricsDaemon, type MetricsDaemonOptions } from './daemon.js';
export { metricsUrl, parseListenAddress, type ListenAddress } from './listen-address.js';
export { PortholeMetrics, type MetricsSource } from './registry.js';
export { bearerMatches, readTokenFile } from './token.js';
