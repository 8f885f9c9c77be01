// /diagrams/<id>.txt: a scenario diagram as plain text of at most 72 columns, for commit messages.
import type { APIRoute } from 'astro';
import { everyScenarioView } from '../../site-data/scenarios.ts';

/** One file per diagram of every scenario. */
export async function getStaticPaths() {
  const diagrams = (await everyScenarioView()).flatMap((v) => [v.sequence, v.graph]);
  return diagrams.map((d) => ({ params: { id: d.id }, props: { body: d.text } }));
}

/** Serves the text. */
export const GET: APIRoute = ({ props }) =>
  new Response(String(props.body), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
