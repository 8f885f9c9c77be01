// Where an incremental build's plan is kept, shared by the integration that writes it
// (src/integrations/render-plan.ts) and the routes that read it (src/site-data/render-plan.ts).

/** Environment variable naming the folder where this build's plan lives (set by the integration). */
export const RENDER_PLAN_ENV = 'LOCKSTEP_RENDER_PLAN';

/**
 * Environment variable naming the folder where the model checker's answers are kept between the
 * builds of one output with the same site digest (set by the integration; src/site-data/explore-cache.ts).
 */
export const EXPLORED_ENV = 'LOCKSTEP_EXPLORED';

/** The plan folder's file with the kept output's page keys by route (RouteKeys; `{}`: render everything). */
export const PREVIOUS_KEYS_FILE = 'previous.json';

/** The plan folder's subfolder where each route writes its pages' keys (`<route>.json`). */
export const ROUTE_KEYS_FOLDER = 'routes';

/** Page keys by route, then by URL (the kept output's, and each build's). */
export type RouteKeys = Record<string, Record<string, string>>;
