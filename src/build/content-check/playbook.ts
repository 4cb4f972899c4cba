/** The playbook matrix (content/data/playbook.json, one object, not a list) through the gate. */
import { type Playbook, playbookSchema } from '../../schemas.ts';
import { parseEntry } from './entries.ts';
import type { Gate, ReferenceChecks } from './gate.ts';
import { parseJson } from './json.ts';

/** Checks the matrix and its cells; returns it as parsed when it passed its schema. */
export function checkPlaybook(
  gate: Gate,
  text: string | undefined,
  { refSources, refEvent }: ReferenceChecks,
): Playbook | undefined {
  const { problems } = gate;
  let playbookRefs: Playbook | undefined;
  const file = 'content/data/playbook.json';
  let raw: unknown;
  if (text === undefined) problems.push({ file, entry: '(file)', field: '(file)', message: 'file is missing' });
  else {
    const r = parseJson(file, text, problems);
    if (r.ok) raw = r.value;
  }
  if (raw !== undefined) {
    const playbook = parseEntry(file, '(matrix)', playbookSchema, raw, problems);
    if (playbook) {
      playbookRefs = playbook;
      const narratives = new Set(playbook.narratives.map((n) => n.id));
      const countries = new Set(playbook.countries.map((c) => c.id));
      playbook.cells.forEach((c, i) => {
        const entry = `${c.narrative}/${c.country}`;
        if (!narratives.has(c.narrative))
          problems.push({
            file,
            entry,
            field: `cells[${i}].narrative`,
            message: `unknown narrative "${c.narrative}"; allowed: ${[...narratives].join(', ')}`,
          });
        if (!countries.has(c.country))
          problems.push({
            file,
            entry,
            field: `cells[${i}].country`,
            message: `unknown country "${c.country}"; allowed: ${[...countries].join(', ')}`,
          });
        if (c.state === 'documented' && c.examples.length === 0)
          problems.push({
            file,
            entry,
            field: `cells[${i}].examples`,
            message:
              'no example' +
              '; allowed: a documented cell with at least one sourced example' +
              ' (or state "partial" or "article-claim-only")',
          });
        c.examples.forEach((x, j) => {
          refSources(file, entry, `cells[${i}].examples[${j}].sources`, x.sources);
          if (x.eventId) refEvent(file, entry, `cells[${i}].examples[${j}].eventId`, x.eventId);
        });
      });
    }
  }
  return playbookRefs;
}
