/**
 * Structured data of the `end-of-life` topic: the decisions people with ALS and their families meet on the way, each
 * with when it arises, the options a guideline or review sets out, and what the guidance says. Like every content
 * builder it takes the text schema, so the same structure serves the content file ({ en, tr }) and API responses.
 */
import Type, { type TSchema } from 'typebox'
import { Citations, Slug, StringEnum } from '../common.ts'

/** Moments at which a decision comes up, as the cited guidance names them. */
export const DECISION_TRIGGERS = [
  'at-diagnosis',
  'respiratory-change',
  'ventilation-considered',
  'gastrostomy-considered',
  'swallowing-unsafe',
  'ventilator-dependence',
  'person-asks-to-stop',
  'cognitive-change',
  'last-days'
] as const

export function DecisionTriggerOf<T extends TSchema> (text: T) {
  return Type.Object({
    kind: StringEnum(DECISION_TRIGGERS, {
      description: 'Moment that raises the decision: at-diagnosis, respiratory-change (a significant change in breathing ' +
        'function), ventilation-considered, gastrostomy-considered, swallowing-unsafe, ventilator-dependence, ' +
        'person-asks-to-stop (the person asks to stop a treatment), cognitive-change, last-days.',
      examples: ['at-diagnosis']
    }),
    description: text,
    citations: Citations
  }, { additionalProperties: false, description: 'One moment at which the decision arises, as the cited source names it. Numbers appear only where the source gives them.' })
}

export function DecisionOptionOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Type.Optional(Slug),
    text
  }, { additionalProperties: false, description: 'One option open to the person.' })
}

export function DecisionPointOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    name: text,
    whenItArises: text,
    triggers: Type.Array(DecisionTriggerOf(text), { description: 'The moments, structured, at which the decision arises (may be empty).' }),
    options: Type.Array(DecisionOptionOf(text), { minItems: 1, description: 'The options the person can choose between, including not to have a treatment or to stop it.' }),
    guidance: text,
    citations: Citations
  }, { additionalProperties: false, description: 'A decision about care that a person with ALS may face, with when it arises, the options and what guidance says.' })
}

export function EndOfLifeDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    decisionPoints: Type.Array(DecisionPointOf(text), { minItems: 1, description: 'Decisions about care, in the order they usually arise.' })
  }, { additionalProperties: false })
}
