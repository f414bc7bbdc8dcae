/**
 * What every HTTP service of the landscape does the same way: bind and serve with a graceful
 * shutdown, answer errors as JSON, mount its routes table, and name the instance that answered.
 */
export { bindHostSchema } from './bind-host';
export { errorHandler, sendError, unknownRoute } from './errors';
export { instanceAddress } from './instance';
export { type Method, type Route, mountRoutes } from './routes';
export { type RunOptions, runService } from './run-service';
export { type RunningServer, type ServeOptions, serve } from './server';
