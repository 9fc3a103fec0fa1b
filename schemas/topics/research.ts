/**
 * Structured data of the `research` topic: the trial programmes a reader is likely to hear of, each with its design,
 * registry ids (only ids checked against the registry record), its status as of a stated date and its published
 * results. Written once for the content files ({ en, tr } texts) and for API responses (one language).
 */
import Type, { type TSchema } from 'typebox'
import { Citations, IsoDate, Slug, StringEnum } from '../common.ts'

export const TRIAL_REGISTRIES = ['clinicaltrials.gov', 'euctr', 'ctis', 'isrctn', 'anzctr'] as const
export const TRIAL_PHASES = ['phase-1', 'phase-1-2', 'phase-2', 'phase-2-3', 'phase-3', 'phase-4', 'experimental-medicine'] as const
export const PROGRAMME_STATES = ['recruiting', 'active-not-recruiting', 'completed', 'stopped'] as const

export const RegistryId = Type.Object({
  registry: StringEnum(TRIAL_REGISTRIES, {
    description: 'The register: clinicaltrials.gov, euctr (EU Clinical Trials Register, EudraCT number), ctis (EU Clinical Trials Information System), isrctn, anzctr.',
    examples: ['clinicaltrials.gov']
  }),
  id: Type.String({
    pattern: '^(NCT\\d{8}|\\d{4}-\\d{6}-\\d{2}|\\d{4}-\\d{6}-\\d{2}-\\d{2}|ISRCTN\\d{8}|ACTRN\\d{14})$',
    description: 'The id exactly as the register writes it; only ids checked against the register\'s own record are given.',
    examples: ['NCT04297683']
  }),
  url: Type.String({ format: 'uri', pattern: '^https://', description: 'The record in the register.' })
}, { additionalProperties: false, description: 'A trial\'s id in a public register.' })

export function TrialProgrammeOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    name: Type.String({ minLength: 1, description: 'The programme\'s own name (a proper name, the same in every language).', examples: ['HEALEY ALS Platform Trial'] }),
    sponsor: Type.String({ minLength: 1, description: 'Sponsor or leading organisation, as the register or the programme names it.' }),
    interventions: Type.Array(Type.String({ minLength: 1 }), { description: 'Drugs or products tested, by their international or code names.' }),
    design: text,
    phase: StringEnum(TRIAL_PHASES, { description: 'Phase as registered; experimental-medicine for a screening platform that does not test clinical benefit.' }),
    platform: Type.Boolean({ description: 'Whether it is a platform (master-protocol) trial that tests several treatments and can add or drop them.' }),
    registryIds: Type.Array(RegistryId, { description: 'Register ids, only those confirmed against the register record; empty when none could be.' }),
    state: StringEnum(PROGRAMME_STATES, { description: 'Overall state at statusAsOf: recruiting, active-not-recruiting, completed, or stopped (ended early).' }),
    status: text,
    statusAsOf: Type.Unsafe<string>({ ...IsoDate, description: 'The date at which the status was true, as the cited source states it (the first day of the month when the source gives only a month).' }),
    results: Type.Optional(text),
    citations: Citations
  }, { additionalProperties: false, description: 'A trial programme: design, registry ids, status as of a date, and results where published.' })
}

export function ResearchDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    programmes: Type.Array(TrialProgrammeOf(text), { minItems: 1 })
  }, { additionalProperties: false })
}
