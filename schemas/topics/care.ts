/**
 * The `care` topic (living with ALS): its structured data is a list of care interventions (breathing, nutrition,
 * communication, mobility, ...), each with when to consider it, what it does, how strong the evidence is, which
 * guidelines recommend it and, where a cited guideline gives a number, the threshold as a structured trigger.
 */
import Type, { type TSchema } from 'typebox'
import { Citations, Evidence, Slug, StringEnum } from '../common.ts'

export const CARE_AREAS = ['team', 'respiratory', 'nutrition', 'communication', 'mobility', 'exercise', 'symptom', 'cognitive', 'psychological', 'social', 'carer'] as const

/** What a trigger measures. Each value names its own unit, so a threshold is never read in the wrong unit. */
export const TRIGGER_MEASURES = [
  'fvc-percent-predicted', // forced vital capacity, % of predicted
  'snip-cmh2o', // sniff nasal inspiratory pressure, cmH2O
  'pco2-kpa', // partial pressure of carbon dioxide in (arterialised) blood, kPa
  'weight-loss-percent', // loss of body weight, % of usual (pre-illness) weight
  'months-since-last-assessment' // time since the last assessment, months
] as const

export const COMPARATORS = ['<', '<=', '>', '>='] as const

export function CareTriggerOf<T extends TSchema> (text: T) {
  return Type.Object({
    measure: StringEnum(TRIGGER_MEASURES, { description: 'What is measured; the unit is part of the name (percent of predicted, cmH2O, kPa, percent of body weight, months).', examples: ['fvc-percent-predicted'] }),
    comparator: StringEnum(COMPARATORS, { description: 'How the measured value compares with `value` when the trigger applies.', examples: ['<='] }),
    value: Type.Number({ description: 'The threshold, exactly as the cited guideline or consensus gives it.', examples: [80] }),
    conditions: text,
    source: Slug
  }, { additionalProperties: false, description: 'A threshold that a cited guideline or consensus gives for considering the intervention. `conditions` says with what else it applies (a threshold is rarely enough on its own); `source` is the id of the reference that gives the number.' })
}

export function CareInterventionOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    name: text,
    area: StringEnum(CARE_AREAS, { description: 'Area of care.', examples: ['respiratory'] }),
    whenToConsider: text,
    triggers: Type.Array(CareTriggerOf(text), { description: 'Thresholds that a cited source gives; empty when no source gives a number.' }),
    whatItDoes: text,
    evidence: Evidence,
    recommendedBy: Type.Array(Slug, { uniqueItems: true, description: 'Ids of the guidelines or professional bodies (see `references`) that recommend or describe it; empty when none does.' }),
    safetyNotes: Type.Optional(text),
    citations: Citations
  }, { additionalProperties: false, description: 'A care intervention.' })
}

export function CareDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    interventions: Type.Array(CareInterventionOf(text), { minItems: 1 })
  }, { additionalProperties: false })
}
