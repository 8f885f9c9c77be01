// /diagrams/<id>.mmd: a scenario diagram as Mermaid source (what the SVG was rendered from).
import type { APIRoute } from 'astro';
import { allDiagrams } from '../../components/scenarios/scenario-data.ts';

/** One file per diagram of every bundled scenario. */
export function getStaticPaths() {
  return allDiagrams().map((d) => ({ params: { id: d.id }, props: { body: d.mermaid } }));
}

/** Serves the Mermaid text. */
export const GET: APIRoute = ({ props }) =>
  new Response(String(props.body), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
