import fc from 'fast-check';
import { type PropertySource, canonicalKey, leavesOf, listStem, mergeSources, toTree } from './under-test';

// Properties of the config client's merge (chapter 03): instead of a few hand-picked examples,
// fast-check generates hundreds of Spring Environments and checks a rule that must hold for all of
// them; when one fails it shrinks it to the smallest counter-example.

/** A canonical key segment: lower-case kebab, as config-repo writes them. */
const segment = fc.stringMatching(/^[a-z][a-z0-9]{0,3}(-[a-z0-9]{1,3})?$/);
const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());

/**
 * A flat key: a property (`a.b`) or an item of a list property (`a.b[2]`). Few names, so the
 * sources of one environment often set the same properties (where precedence matters).
 */
const name = fc.constantFrom('quotes', 'timeout-ms', 'vip-ids', 'language', 'amqp');
const flatKey = fc
  .tuple(fc.array(name, { minLength: 1, maxLength: 2 }), fc.option(fc.nat({ max: 2 }), { nil: undefined }))
  .map(([segments, index]) => segments.join('.') + (index === undefined ? '' : `[${index}]`));

/** One property source, named like config-repo's files. */
const source = (name: string) =>
  fc.dictionary(flatKey, scalar, { maxKeys: 8 }).map((values): PropertySource => ({ name, source: values }));

/** A Spring Environment: most specific first, as the config server lists them. */
const environment = fc
  .integer({ min: 1, max: 4 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => source(`source-${i}.yml`))));

/** The source a property's value must come from: the first (most specific) that sets it at all. */
function winner(sources: PropertySource[], stem: string): PropertySource | undefined {
  return sources.find(({ source }) => Object.keys(source).some((key) => listStem(canonicalKey(key)) === stem));
}

describe('mergeSources: properties over generated environments', () => {
  // TODO(exercise merge-property): Write the precedence property: for every generated environment, each merged key holds the value of the most specific (first) source that sets its property, and a list comes whole from one source.
  // Check it with `npm run verify:9`; a hint: `npm run verify:9 -- --hint merge-property`.
  it('[merge-property] the most specific source wins every property, and a list comes whole from one source', () => {
    void [fc, environment, winner, mergeSources, listStem];
    throw new Error('exercise merge-property: write the property');
  });

  it('merging an environment with one source gives back that source, and merging a merge changes nothing', () => {
    fc.assert(
      fc.property(environment, (sources) => {
        const { values } = mergeSources(sources);
        expect(mergeSources([{ name: 'merged', source: values }]).values).toEqual(values);
        expect(mergeSources([{ name: 'again', source: values }, ...sources]).values).toEqual(values);
      }),
    );
  });

  it('a source that repeats a more specific one changes nothing', () => {
    fc.assert(
      fc.property(environment, (sources) => {
        expect(mergeSources([...sources, sources[0]]).values).toEqual(mergeSources(sources).values);
      }),
    );
  });
});

/** A config tree as YAML gives it: nested objects (never empty) with scalar leaves. */
const { tree } = fc.letrec((tie) => ({
  tree: fc.dictionary(segment, fc.oneof({ depthSize: 'small' }, scalar, tie('tree')), { minKeys: 1, maxKeys: 4 }),
}));

describe('flattening: leavesOf / toTree', () => {
  it('flattening a tree into dotted keys and building it back gives the same tree', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const leaves = leavesOf(t as Record<string, unknown>);
        expect(toTree(leaves)).toEqual(t);
        for (const key of leaves.keys()) expect(key.split('.').every((s) => s.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
