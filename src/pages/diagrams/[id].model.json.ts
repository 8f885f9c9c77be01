// /diagrams/<scenario id>.model.json: the scenario model as data, fetched by the page when the reader
// presses Run (so the model is not shipped in every page's HTML).
import type { APIRoute } from 'astro';
import { sharedPagesHere } from '../../site-data/build-shard.ts';
import { everyScenarioView } from '../../site-data/scenarios.ts';

/** One file per bundled scenario. */
export async function getStaticPaths() {
  // Shard 1 of a sharded build renders it (site-data/build-shard.ts).
  if (!sharedPagesHere) return [];
  return (await everyScenarioView()).map((v) => ({
    params: { id: v.scenario.id },
    props: { body: JSON.stringify(v.scenario) },
  }));
}

/** Serves the JSON. */
export const GET: APIRoute = ({ props }) =>
  new Response(String(props.body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
