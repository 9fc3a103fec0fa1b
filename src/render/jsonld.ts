/**
 * schema.org JSON-LD of a topic: a MedicalWebPage about ALS as a MedicalCondition. The condition always carries its
 * names and codes (from the definition topic); each topic adds what it is about: signs and symptoms, risk factors and
 * epidemiology, treatments (drugs with their legal status per agency), tests and differential diagnoses.
 */
import type { Static, TString } from 'typebox'
import type { Language } from '../../schemas/common.ts'
import type { TopicResponse } from '../../schemas/api.ts'
import { topicDefinition, type TopicId } from '../../schemas/topics/index.ts'
import type { AGENCIES, CODE_SYSTEMS, DefinitionDataOf, DiagnosisDataOf, EpidemiologyDataOf, SymptomsDataOf, TreatmentsDataOf } from '../../schemas/content.ts'

interface DataOf {
  definition: Static<ReturnType<typeof DefinitionDataOf<TString>>>
  symptoms: Static<ReturnType<typeof SymptomsDataOf<TString>>>
  epidemiology: Static<ReturnType<typeof EpidemiologyDataOf<TString>>>
  treatments: Static<ReturnType<typeof TreatmentsDataOf<TString>>>
  diagnosis: Static<ReturnType<typeof DiagnosisDataOf<TString>>>
}
type Data<T extends keyof DataOf> = DataOf[T]
type Node = Record<string, unknown>

export const JSONLD_CONTEXT = 'https://schema.org'

/** Display names of the coding systems, typed by the schema's list like AGENCY_AREAS below. */
const CODING_SYSTEMS: Record<typeof CODE_SYSTEMS[number], string> = {
  icd10: 'ICD-10',
  icd10cm: 'ICD-10-CM',
  icd11: 'ICD-11',
  snomedct: 'SNOMED CT',
  mesh: 'MeSH',
  omim: 'OMIM',
  orphanet: 'Orphanet',
  mondo: 'MONDO',
  umls: 'UMLS',
  hpo: 'HPO',
  hgnc: 'HGNC'
}

/** Where each body's decision applies; typed by the schema's list, so a new agency cannot be left without one. */
const AGENCY_AREAS: Record<typeof AGENCIES[number], string> = {
  FDA: 'United States',
  EMA: 'European Union',
  MHRA: 'United Kingdom',
  HealthCanada: 'Canada',
  PMDA: 'Japan',
  MFDS: 'South Korea',
  TGA: 'Australia',
  NMPA: 'China',
  TITCK: 'Türkiye',
  NICE: 'England'
}

const DRUG_KINDS = new Set(['drug', 'antisense-oligonucleotide', 'gene-therapy'])

function quantity (item: { value: number, low?: number, high?: number }): string {
  return item.low !== undefined && item.high !== undefined ? `${item.value} (${item.low}–${item.high})` : String(item.value)
}

function conditionBase (definition: Data<'definition'>): Node {
  return {
    '@type': 'MedicalCondition',
    name: definition.preferredName,
    alternateName: definition.synonyms.map((synonym) => synonym.term),
    code: definition.codes.map((code) => ({
      '@type': 'MedicalCode',
      codeValue: code.code,
      codingSystem: CODING_SYSTEMS[code.system],
      name: code.display,
      ...(code.url === undefined ? {} : { url: code.url })
    }))
  }
}

function topicProperties (topic: TopicResponse): Node {
  switch (topic.id) {
    case 'symptoms': {
      const data = topic.data as Data<'symptoms'>
      return {
        signOrSymptom: data.symptoms.map((symptom) => ({
          '@type': 'MedicalSignOrSymptom',
          name: symptom.name,
          description: symptom.description,
          code: { '@type': 'MedicalCode', codeValue: symptom.hpo, codingSystem: 'HPO' }
        }))
      }
    }
    case 'epidemiology': {
      const data = topic.data as Data<'epidemiology'>
      return {
        epidemiology: data.statistics.map((statistic) =>
          `${statistic.label}: ${quantity(statistic)} ${statistic.unit} (${statistic.population}, ${statistic.period})`).join('; '),
        riskFactor: data.riskFactors.map((factor) => ({ '@type': 'MedicalRiskFactor', name: factor.name, description: factor.description }))
      }
    }
    case 'treatments': {
      const data = topic.data as Data<'treatments'>
      return {
        possibleTreatment: data.treatments.map((treatment) => DRUG_KINDS.has(treatment.kind)
          ? {
              '@type': 'Drug',
              name: treatment.name,
              description: treatment.description,
              ...(treatment.mechanism === undefined ? {} : { mechanismOfAction: treatment.mechanism }),
              legalStatus: treatment.approvals.map((approval) => ({
                '@type': 'DrugLegalStatus',
                name: `${approval.agency}: ${approval.status} (${approval.year})`,
                applicableLocation: { '@type': 'AdministrativeArea', name: AGENCY_AREAS[approval.agency] }
              }))
            }
          : { '@type': 'MedicalTherapy', name: treatment.name, description: treatment.description, status: treatment.status })
      }
    }
    case 'diagnosis': {
      const data = topic.data as Data<'diagnosis'>
      return {
        typicalTest: data.tests.map((test) => ({ '@type': 'MedicalTest', name: test.name, description: test.description })),
        differentialDiagnosis: data.differentials.map((differential) => ({
          '@type': 'DDxElement',
          diagnosis: { '@type': 'MedicalCondition', name: differential.name, description: differential.description },
          distinguishingSign: { '@type': 'MedicalSignOrSymptom', name: (differential as unknown as { distinguishingFeatures: string }).distinguishingFeatures }
        }))
      }
    }
    default:
      return {}
  }
}

function citation (reference: TopicResponse['references'][number]): Node {
  const sameAs = [reference.links.doi, reference.links.pubmed].filter((link) => link !== undefined)
  return {
    '@type': reference.type === 'journal-article' || reference.type === 'review' ? 'ScholarlyArticle' : 'CreativeWork',
    name: reference.title,
    description: reference.citation,
    ...(reference.year === undefined ? {} : { datePublished: String(reference.year) }),
    ...(reference.links.url === undefined ? {} : { url: reference.links.url }),
    ...(sameAs.length === 0 ? {} : { sameAs })
  }
}

export interface JsonLdOptions {
  /** Absolute URL of the topic (the page's `url`). */
  url: string
}

/** What the page covers, as schema.org health aspects (a HealthTopicContent part), for the topics that have them. */
function healthAspects (id: TopicId): Node {
  const aspects = topicDefinition(id).healthAspects
  if (aspects.length === 0) return {}
  return { hasPart: { '@type': 'HealthTopicContent', hasHealthAspect: aspects.map((aspect) => `${JSONLD_CONTEXT}/${aspect}`) } }
}

/** The JSON-LD document of one topic in one language. `definition` is the definition topic in the same language. */
export function topicJsonLd (topic: TopicResponse, definition: TopicResponse, options: JsonLdOptions): Node {
  const lang: Language = topic.lang as Language
  return {
    '@context': JSONLD_CONTEXT,
    '@type': 'MedicalWebPage',
    url: options.url,
    name: topic.title,
    description: topic.summary,
    inLanguage: lang,
    lastReviewed: topic.lastReviewed,
    about: { ...conditionBase(definition.data as Data<'definition'>), ...topicProperties(topic) },
    ...healthAspects(topic.id as TopicId),
    citation: topic.references.map(citation),
    license: topic.provenance.license.url,
    creditText: topic.provenance.attribution,
    publisher: { '@type': 'Organization', name: topic.provenance.publisher },
    version: topic.provenance.contentVersion
  }
}
