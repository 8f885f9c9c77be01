// /diagrams/<scenario id>.model.json: the scenario model as data, fetched by the page when the reader
// presses Run (so the model is not shipped in every page's HTML).
import type { APIRoute } from 'astro';
import { sharedPagesHere } from '../../site-data/build-shard.ts';
import { changedPaths, keptRoute } from '../../site-data/render-plan.ts';
import { everyScenarioView } from '../../site-data/scenarios.ts';

/** One file per bundled scenario. */
export async function getStaticPaths() {
  // Shard 1 of a sharded build renders it (site-data/build-shard.ts).
  if (!sharedPagesHere) return [];
  // Made of the models alone: kept as they are when the site digest is (site-data/render-plan.ts).
  if (keptRoute('model-files')) return [];
  const paths = (await everyScenarioView()).map((v) => ({
    params: { id: v.scenario.id },
    props: { body: JSON.stringify(v.scenario) },
  }));
  // A model file is its text (site-data/render-plan.ts).
  return changedPaths('model-files', paths, ({ params, props }) => ({
    url: `/diagrams/${params.id}.model.json`,
    key: props.body,
  }));
}

/** Serves the JSON. */
export const GET: APIRoute = ({ props }) =>
  new Response(String(props.body), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
