// Registers <ls-decode>; loaded by src/pages/decode/index.astro.
import { LsDecode } from './ls-decode.ts';

if (!customElements.get('ls-decode')) customElements.define('ls-decode', LsDecode);
