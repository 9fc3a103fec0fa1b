/**
 * The content model. Each builder takes the schema of a human-readable text: `LocalizedText` ({ en, tr }) for the
 * content files under seed/content, a plain string for API responses (one language per response). So the content
 * files, the TypeScript types and the API responses are described by the same structure, written once.
 */
import Type, { type Static, type TSchema } from 'typebox'
import {
  Citations, Evidence, IsoDate, LocalizedText, Quantity, ResponseText, Slug, StringEnum
} from './common.ts'

// ---------------------------------------------------------------- references

export const REFERENCE_TYPES = ['journal-article', 'review', 'guideline', 'regulatory', 'web-page', 'book', 'book-chapter'] as const

export const Doi = Type.String({ pattern: '^10\\.\\d{4,9}/\\S+$', description: 'Digital Object Identifier, without the https://doi.org/ prefix.', examples: ['10.1002/14651858.CD001447.pub3'] })
export const Pmid = Type.String({ pattern: '^[1-9]\\d{0,8}$', description: 'PubMed id.', examples: ['22419278'] })

export function ReferenceOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    type: StringEnum(REFERENCE_TYPES, { description: 'Kind of source. Articles (journal-article, review) carry a DOI or PMID; guidelines, regulators and web pages a URL.' }),
    authors: Type.Array(Type.String({ minLength: 1 }), { description: 'Authors as "Surname Initials" (Vancouver), or the issuing body.', examples: [['Miller RG', 'Mitchell JD', 'Moore DH']] }),
    title: Type.String({ minLength: 1, description: 'Title in the original language.' }),
    journal: Type.Optional(Type.String({ minLength: 1, description: 'Journal (abbreviated as in PubMed) or series.' })),
    publisher: Type.Optional(Type.String({ minLength: 1, description: 'Publisher or issuing body.' })),
    year: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2100, description: 'Year of publication. Absent for a web page or regulatory document with no date of its own (a database entry, a page or label kept current): `accessed` says when it was read.' })),
    volume: Type.Optional(Type.String({ minLength: 1 })),
    issue: Type.Optional(Type.String({ minLength: 1 })),
    pages: Type.Optional(Type.String({ minLength: 1, description: 'Pages or article number.' })),
    doi: Type.Optional(Doi),
    pmid: Type.Optional(Pmid),
    url: Type.Optional(Type.String({ format: 'uri', pattern: '^https://', description: 'Where the source can be read.' })),
    accessed: Type.Optional(IsoDate),
    note: Type.Optional(text)
  }, { additionalProperties: false })
}
export const Reference = ReferenceOf(LocalizedText)
export type ReferenceEntry = Static<typeof Reference>

// ---------------------------------------------------------------- statements and sections

export function StatementOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    text,
    citations: Citations,
    evidence: Type.Optional(Evidence)
  }, { additionalProperties: false })
}

/** A pointer from a section to where the reader's next question is answered: another topic, or one of its sections. */
export const SeeAlso = Type.Object({
  topic: Slug,
  section: Type.Optional(Slug)
}, { additionalProperties: false, description: 'Another topic (and optionally one of its sections) that answers the next question.' })

export function SectionOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    heading: text,
    statements: Type.Array(StatementOf(text), { minItems: 1 }),
    seeAlso: Type.Optional(Type.Array(SeeAlso, { minItems: 1, description: 'Where to read on: other topics or their sections.' }))
  }, { additionalProperties: false })
}

// ---------------------------------------------------------------- definition

export const CODE_SYSTEMS = ['icd10', 'icd10cm', 'icd11', 'snomedct', 'mesh', 'omim', 'orphanet', 'mondo', 'umls', 'hpo', 'hgnc'] as const
export const CodeSystem = StringEnum(CODE_SYSTEMS, { description: 'Coding system: ICD-10 (WHO), ICD-10-CM (US), ICD-11, SNOMED CT, MeSH, OMIM, Orphanet, MONDO, UMLS CUI, HPO, HGNC.', examples: ['icd10'] })

export function MedicalCodeOf<T extends TSchema> (text: T) {
  return Type.Object({
    system: CodeSystem,
    code: Type.String({ minLength: 1, description: 'The code exactly as the system writes it.', examples: ['G12.2'] }),
    display: Type.String({ minLength: 1, description: 'The label the coding system gives the code, in its own language.' }),
    url: Type.Optional(Type.String({ format: 'uri', pattern: '^https://' })),
    note: Type.Optional(text),
    citations: Citations
  }, { additionalProperties: false })
}

export const SYNONYM_KINDS = ['abbreviation', 'synonym', 'eponym', 'umbrella-term'] as const
export function SynonymOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    term: text,
    kind: StringEnum(SYNONYM_KINDS, { description: 'abbreviation, synonym, eponym, or umbrella-term (a wider group that includes ALS, e.g. MND).' }),
    note: Type.Optional(text),
    citations: Citations
  }, { additionalProperties: false })
}

export function DefinitionDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    preferredName: text,
    synonyms: Type.Array(SynonymOf(text)),
    codes: Type.Array(MedicalCodeOf(text), { minItems: 1 })
  }, { additionalProperties: false })
}

// ---------------------------------------------------------------- symptoms

export const BODY_REGIONS = ['bulbar', 'upper-limb', 'lower-limb', 'limb', 'trunk', 'respiratory', 'cognitive-behavioural', 'general'] as const
export const NEURON_TYPES = ['upper', 'lower', 'both', 'not-applicable'] as const
export const Hpo = Type.String({ pattern: '^HP:\\d{7}$', description: 'Human Phenotype Ontology id.', examples: ['HP:0002380'] })

export function SymptomOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    name: text,
    description: text,
    region: StringEnum(BODY_REGIONS, { description: 'Body region the sign or symptom belongs to.' }),
    neuron: StringEnum(NEURON_TYPES, { description: 'Upper or lower motor neuron sign, both, or not-applicable (non-motor symptoms).' }),
    hpo: Hpo,
    citations: Citations
  }, { additionalProperties: false })
}

export function ShareItemOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    name: text,
    description: text,
    share: Type.Optional(Type.Object({
      ...Quantity.properties,
      unit: Type.Literal('percent'),
      population: text
    }, { additionalProperties: false })),
    citations: Citations
  }, { additionalProperties: false })
}

export function SymptomsDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    symptoms: Type.Array(SymptomOf(text), { minItems: 1 }),
    onsetPatterns: Type.Array(ShareItemOf(text)),
    spared: Type.Array(ShareItemOf(text), { description: 'Functions usually spared.' })
  }, { additionalProperties: false })
}

// ---------------------------------------------------------------- epidemiology

export const MEASURES = ['incidence', 'prevalence', 'lifetime-risk', 'age-at-onset', 'sex-ratio', 'survival', 'share'] as const
export const REGIONS = ['global', 'europe', 'north-america', 'latin-america', 'asia', 'oceania', 'africa', 'middle-east', 'turkey'] as const

export function StatisticOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    measure: StringEnum(MEASURES, { description: 'What is measured.' }),
    label: text,
    ...Quantity.properties,
    unit: text,
    population: text,
    region: StringEnum(REGIONS, { description: 'Region of the population.' }),
    period: Type.String({ minLength: 1, description: 'Period of the data, e.g. "1990-2015".', examples: ['1990-2015'] }),
    citations: Citations
  }, { additionalProperties: false })
}

export const CLUSTER_STATUSES = ['declined', 'persisting', 'unclear'] as const
export function ClusterOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    name: text,
    location: text,
    period: Type.String({ minLength: 1 }),
    description: text,
    status: StringEnum(CLUSTER_STATUSES, { description: 'Whether the excess has declined, persists, or is unclear.' }),
    citations: Citations
  }, { additionalProperties: false })
}

export const RISK_EVIDENCE = ['established', 'probable', 'possible', 'not-supported'] as const
export function RiskFactorOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    name: text,
    description: text,
    evidence: StringEnum(RISK_EVIDENCE, { description: 'Strength of the evidence that it raises the risk of ALS.' }),
    citations: Citations
  }, { additionalProperties: false })
}

export function EpidemiologyDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    statistics: Type.Array(StatisticOf(text), { minItems: 1 }),
    clusters: Type.Array(ClusterOf(text)),
    riskFactors: Type.Array(RiskFactorOf(text))
  }, { additionalProperties: false })
}

// ---------------------------------------------------------------- genetics

export const INHERITANCE = ['autosomal-dominant', 'autosomal-recessive', 'x-linked-dominant', 'x-linked', 'risk-factor', 'uncertain'] as const
export const Hgnc = Type.String({ pattern: '^HGNC:\\d+$', description: 'HGNC gene id.', examples: ['HGNC:11179'] })
export const Percent = Type.Object({ ...Quantity.properties }, { additionalProperties: false, description: 'Percent, with its range.' })

export function GeneOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    symbol: Type.String({ minLength: 1, description: 'HGNC-approved gene symbol.', examples: ['SOD1'] }),
    hgnc: Hgnc,
    name: Type.String({ minLength: 1, description: 'HGNC-approved gene name.' }),
    inheritance: Type.Array(StringEnum(INHERITANCE, { description: 'Mode of inheritance.' }), { minItems: 1 }),
    familialShare: Type.Optional(Percent),
    sporadicShare: Type.Optional(Percent),
    population: Type.Optional(text),
    yearLinked: Type.Integer({ minimum: 1900, maximum: 2100, description: 'Year the gene was first linked to ALS.' }),
    omim: Type.Optional(Type.Object({
      phenotype: Type.String({ pattern: '^\\d{6}$', description: 'OMIM phenotype number.' }),
      name: Type.String({ minLength: 1 })
    }, { additionalProperties: false })),
    description: text,
    citations: Citations
  }, { additionalProperties: false })
}

/** One measured estimate of the familial share, with the population, period and source it comes from. */
export function FamilialShareEstimateOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    label: text,
    ...Quantity.properties,
    interval: StringEnum(['95-ci', 'trend'], { description: 'What low and high are: a 95% confidence interval, or the first and last value of a trend over the period.' }),
    population: text,
    period: Type.String({ minLength: 1, description: 'Period of the data.', examples: ['1994-2016'] }),
    citations: Citations
  }, { additionalProperties: false, description: 'A measured estimate of the share of people with ALS who have an affected relative (percent).' })
}

/**
 * The share of ALS that is familial. There is no single agreed figure: it depends on the definition and on how
 * carefully families are traced. So the data carry the range that measured estimates span and each estimate with its
 * source, not one disputed number; the often-quoted 10% is described in `summary`, not served as a measurement.
 */
export function FamilialShareOf<T extends TSchema> (text: T) {
  return Type.Object({
    unit: Type.Literal('percent'),
    low: Type.Number({ description: 'Lowest measured estimate (population-based registers).' }),
    high: Type.Number({ description: 'Highest estimate (families traced over time).' }),
    summary: text,
    estimates: Type.Array(FamilialShareEstimateOf(text), { minItems: 1 }),
    citations: Citations
  }, { additionalProperties: false, description: 'Share of people with ALS who have an affected relative: the range of measured estimates and each estimate with its source.' })
}

export function GeneticsDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    familialShare: FamilialShareOf(text),
    genes: Type.Array(GeneOf(text), { minItems: 1 })
  }, { additionalProperties: false })
}

// ---------------------------------------------------------------- diagnosis

export function NamedItemOf<T extends TSchema> (text: T, extra: Record<string, TSchema> = {}) {
  return Type.Object({
    id: Slug,
    name: text,
    description: text,
    ...extra,
    citations: Citations
  }, { additionalProperties: false })
}

export function DiagnosisDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    criteria: Type.Array(NamedItemOf(text, { year: Type.Integer({ minimum: 1900, maximum: 2100 }), requires: text }), { minItems: 1 }),
    tests: Type.Array(NamedItemOf(text, { purpose: text }), { minItems: 1 }),
    differentials: Type.Array(NamedItemOf(text, { distinguishingFeatures: text }), { minItems: 1 }),
    scales: Type.Array(NamedItemOf(text)),
    diagnosticDelay: Type.Optional(Type.Object({ ...Quantity.properties, unit: text, population: text, citations: Citations }, { additionalProperties: false }))
  }, { additionalProperties: false })
}

// ---------------------------------------------------------------- treatments

export const TREATMENT_KINDS = ['drug', 'antisense-oligonucleotide', 'gene-therapy', 'cell-therapy', 'supportive', 'device', 'procedure', 'care-model'] as const
export const TREATMENT_STATUSES = ['approved', 'withdrawn', 'investigational', 'not-recommended', 'standard-of-care'] as const
export const AGENCIES = ['FDA', 'EMA', 'MHRA', 'HealthCanada', 'PMDA', 'MFDS', 'TGA', 'NMPA', 'TITCK', 'NICE'] as const
export const APPROVAL_STATUSES = ['approved', 'accelerated-approval', 'conditional-approval', 'withdrawn', 'refused', 'not-approved', 'recommended', 'not-recommended'] as const

export function ApprovalOf<T extends TSchema> (text: T) {
  return Type.Object({
    agency: StringEnum(AGENCIES, { description: 'Regulator or health-technology body.' }),
    status: StringEnum(APPROVAL_STATUSES, { description: 'Decision of that body.' }),
    year: Type.Integer({ minimum: 1900, maximum: 2100 }),
    note: Type.Optional(text),
    citations: Citations
  }, { additionalProperties: false })
}

export function TreatmentOf<T extends TSchema> (text: T) {
  return Type.Object({
    id: Slug,
    name: text,
    kind: StringEnum(TREATMENT_KINDS, { description: 'Kind of treatment.' }),
    status: StringEnum(TREATMENT_STATUSES, { description: 'Overall status: approved, withdrawn, investigational, not-recommended, or standard-of-care (supportive care that guidelines recommend).' }),
    evidence: Evidence,
    approvals: Type.Array(ApprovalOf(text)),
    mechanism: Type.Optional(text),
    effect: text,
    description: text,
    citations: Citations
  }, { additionalProperties: false })
}

export function TreatmentsDataOf<T extends TSchema> (text: T) {
  return Type.Object({
    treatments: Type.Array(TreatmentOf(text), { minItems: 1 })
  }, { additionalProperties: false })
}

// ---------------------------------------------------------------- topics

/** A topic's content file; the topics and their data schemas are listed in schemas/topics/index.ts. */
export function TopicFileOf<I extends string, D extends TSchema> (id: I, data: D) {
  return Type.Object({
    id: Type.Literal(id),
    title: LocalizedText,
    summary: LocalizedText,
    lastReviewed: IsoDate,
    sections: Type.Array(SectionOf(LocalizedText)),
    data
  }, { additionalProperties: false })
}

export const ReferencesFile = Type.Object({
  references: Type.Array(Reference, { minItems: 1 })
}, { additionalProperties: false })

export const ContentMetaFile = Type.Object({
  version: Type.String({ pattern: '^\\d{4}\\.\\d{2}\\.\\d{2}(?:\\.\\d+)?$', description: 'Content release, as a date (YYYY.MM.DD, optionally .N).', examples: ['2026.11.25'] }),
  publisher: Type.String({ minLength: 1, description: 'Who publishes the content.' }),
  license: Type.Object({
    id: Type.String({ minLength: 1, description: 'SPDX licence id.', examples: ['CC-BY-4.0'] }),
    name: Type.String({ minLength: 1 }),
    url: Type.String({ format: 'uri', pattern: '^https://' })
  }, { additionalProperties: false }),
  attribution: LocalizedText,
  disclaimer: LocalizedText
}, { additionalProperties: false })

export type ContentMeta = Static<typeof ContentMetaFile>
export type TopicFile = Static<ReturnType<typeof TopicFileOf<string, TSchema>>>
export type ReferencesFileContent = Static<typeof ReferencesFile>

export { ResponseText }
