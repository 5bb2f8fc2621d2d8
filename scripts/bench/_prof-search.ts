import { openIndexDb } from '../../server/db/connect.js';
import { openCatalogue } from '../../server/index/catalogue.js';
import { syncContent } from '../../server/index/sync.js';
import { loadSchemaSet } from '../../server/validation/schema-set.js';
import { listFiches } from '../../server/search/list-fiches.js';
import { presentFicheList } from '../../server/presenters/fiche-json.js';
import { searchQueries } from './queries.js';
const root = process.argv[2] ?? '/tmp/b10k';
const idx = await openIndexDb(`${root}/data/index.sqlite`);
const cat = await openCatalogue(`${root}/content`, idx, loadSchemaSet('schemas'));
await syncContent(cat, 'tout');
const queries = searchQueries(1);
const t0 = performance.now();
const times: number[] = [];
for (let round = 0; round < 3; round++) for (const q of queries) { const t = performance.now(); JSON.stringify(presentFicheList(await listFiches(cat, { q, filters: new Map(), tri: 'pertinence', triDemande: null, page: 1, parPage: 20 }))); times.push(performance.now() - t); }
times.sort((a, b) => a - b);
console.log('avg', ((performance.now() - t0) / 600).toFixed(2), 'p50', times[300]!.toFixed(2), 'p95', times[570]!.toFixed(2));
await idx.close();
