/**
 * The workshop's test kit: what a chapter's tests import by name (`@workshop/testkit`, an npm
 * workspace), so a chapter folder never reaches into scripts/ by a relative path. The CLI uses
 * the same modules; this is the part chapter tests may depend on.
 */
export { INSTRUMENTED_PACKAGES, bundle, imageEntries, type BundleOptions, type BundleResult } from '../lib/bundle';
export { CHROMIUM, chromiumInstalled, launchChromium, type LaunchedChromium } from '../lib/chromium';
export { hasCommand, itWhenInstalled, validate, type Validation } from '../lib/docker';
export { waitForHealthy, type WaitOptions } from '../lib/health';
export { readManifest, type Manifest, type ServiceSpec } from '../lib/manifest';
export { pollUntil, type PollOptions } from '../lib/poll';
export { localScrapeTargets, prometheusInstalled, startLocalPrometheus } from '../lib/prometheus';
export { LOCAL_HOST, freePort } from '../lib/ports';
export { startLandscape, type Landscape, type RunningService, type StartOptions } from '../lib/runner';
export { call, expectStatus, type Exchange } from '../lib/test-em-all';
