/**
 * Labels, in both languages, for every enumerated value a reader sees (`region: bulbar`, `status: approved`…): the
 * vocabulary that GET /v1/labels serves, and that any renderer can show beside a value. Each vocabulary is typed by
 * the content model's own list of values, so a value added to the model without a label is a type error.
 */
import type { Language } from '../../schemas/common.ts'
import type { EVIDENCE_LEVELS } from '../../schemas/common.ts'
import type {
  AGENCIES, APPROVAL_STATUSES, BODY_REGIONS, CLUSTER_STATUSES, CODE_SYSTEMS, INHERITANCE, MEASURES, NEURON_TYPES,
  REFERENCE_TYPES, REGIONS, RISK_EVIDENCE, SYNONYM_KINDS, TREATMENT_KINDS, TREATMENT_STATUSES
} from '../../schemas/content.ts'
import type { SEARCH_KINDS } from '../../schemas/entities.ts'
import type { CARE_AREAS, COMPARATORS, TRIGGER_MEASURES } from '../../schemas/topics/care.ts'
import type { DECISION_TRIGGERS } from '../../schemas/topics/end-of-life.ts'
import type { PROGRAMME_STATES, TRIAL_PHASES, TRIAL_REGISTRIES } from '../../schemas/topics/research.ts'

type Labels<T extends readonly string[]> = Record<T[number], Record<Language, string>>

export interface Vocabulary {
  /** What the values are, in English (the API's documentation language). */
  description: string
  /** Where the values appear: `item.field` in the responses. */
  usedBy: string[]
  labels: Record<string, Record<Language, string>>
}

const same = (label: string) => ({ en: label, tr: label })

const bodyRegion: Labels<typeof BODY_REGIONS> = {
  bulbar: { en: 'Bulbar', tr: 'Bulber' },
  'upper-limb': { en: 'Upper limb', tr: 'Kol' },
  'lower-limb': { en: 'Lower limb', tr: 'Bacak' },
  limb: { en: 'Limb', tr: 'Ekstremite' },
  trunk: { en: 'Trunk', tr: 'Gövde' },
  respiratory: { en: 'Respiratory', tr: 'Solunum' },
  'cognitive-behavioural': { en: 'Cognition and behaviour', tr: 'Bilişsel ve davranışsal' },
  general: { en: 'General', tr: 'Genel' }
}

const neuron: Labels<typeof NEURON_TYPES> = {
  upper: { en: 'Upper motor neuron', tr: 'Üst motor nöron' },
  lower: { en: 'Lower motor neuron', tr: 'Alt motor nöron' },
  both: { en: 'Upper and lower motor neuron', tr: 'Üst ve alt motor nöron' },
  'not-applicable': { en: 'Not a motor sign', tr: 'Motor bulgu değil' }
}

const measure: Labels<typeof MEASURES> = {
  incidence: { en: 'Incidence', tr: 'İnsidans' },
  prevalence: { en: 'Prevalence', tr: 'Prevalans' },
  'lifetime-risk': { en: 'Lifetime risk', tr: 'Yaşam boyu risk' },
  'age-at-onset': { en: 'Age at onset', tr: 'Başlangıç yaşı' },
  'sex-ratio': { en: 'Sex ratio', tr: 'Cinsiyet oranı' },
  survival: { en: 'Survival', tr: 'Sağkalım' },
  share: { en: 'Share', tr: 'Oran' }
}

const region: Labels<typeof REGIONS> = {
  global: { en: 'Worldwide', tr: 'Dünya geneli' },
  europe: { en: 'Europe', tr: 'Avrupa' },
  'north-america': { en: 'North America', tr: 'Kuzey Amerika' },
  'latin-america': { en: 'Latin America', tr: 'Latin Amerika' },
  asia: { en: 'Asia', tr: 'Asya' },
  oceania: { en: 'Oceania', tr: 'Okyanusya' },
  africa: { en: 'Africa', tr: 'Afrika' },
  'middle-east': { en: 'Middle East', tr: 'Orta Doğu' },
  turkey: { en: 'Türkiye', tr: 'Türkiye' }
}

const inheritance: Labels<typeof INHERITANCE> = {
  'autosomal-dominant': { en: 'Autosomal dominant', tr: 'Otozomal dominant' },
  'autosomal-recessive': { en: 'Autosomal recessive', tr: 'Otozomal resesif' },
  'x-linked-dominant': { en: 'X-linked dominant', tr: 'X\'e bağlı dominant' },
  'x-linked': { en: 'X-linked', tr: 'X\'e bağlı' },
  'risk-factor': { en: 'Risk factor', tr: 'Risk etkeni' },
  uncertain: { en: 'Uncertain', tr: 'Belirsiz' }
}

const treatmentKind: Labels<typeof TREATMENT_KINDS> = {
  drug: { en: 'Drug', tr: 'İlaç' },
  'antisense-oligonucleotide': { en: 'Antisense oligonucleotide', tr: 'Antisens oligonükleotid' },
  'gene-therapy': { en: 'Gene therapy', tr: 'Gen tedavisi' },
  'cell-therapy': { en: 'Cell therapy', tr: 'Hücre tedavisi' },
  supportive: { en: 'Supportive treatment', tr: 'Destekleyici tedavi' },
  device: { en: 'Device', tr: 'Cihaz' },
  procedure: { en: 'Procedure', tr: 'Girişim' },
  'care-model': { en: 'Model of care', tr: 'Bakım modeli' }
}

const treatmentStatus: Labels<typeof TREATMENT_STATUSES> = {
  approved: { en: 'Approved', tr: 'Onaylı' },
  withdrawn: { en: 'Withdrawn', tr: 'Geri çekilmiş' },
  investigational: { en: 'Investigational', tr: 'Araştırma aşamasında' },
  'not-recommended': { en: 'Not recommended', tr: 'Önerilmiyor' },
  'standard-of-care': { en: 'Standard of care', tr: 'Standart bakım' }
}

const approvalStatus: Labels<typeof APPROVAL_STATUSES> = {
  approved: { en: 'Approved', tr: 'Onaylandı' },
  'accelerated-approval': { en: 'Accelerated approval', tr: 'Hızlandırılmış onay' },
  'conditional-approval': { en: 'Conditional approval', tr: 'Koşullu onay' },
  withdrawn: { en: 'Withdrawn', tr: 'Geri çekildi' },
  refused: { en: 'Refused', tr: 'Reddedildi' },
  'not-approved': { en: 'Not approved', tr: 'Onaylanmadı' },
  recommended: { en: 'Recommended', tr: 'Öneriliyor' },
  'not-recommended': { en: 'Not recommended', tr: 'Önerilmiyor' }
}

const agency: Labels<typeof AGENCIES> = {
  FDA: { en: 'US Food and Drug Administration (FDA)', tr: 'ABD Gıda ve İlaç Dairesi (FDA)' },
  EMA: { en: 'European Medicines Agency (EMA)', tr: 'Avrupa İlaç Ajansı (EMA)' },
  MHRA: { en: 'UK Medicines and Healthcare products Regulatory Agency (MHRA)', tr: 'Birleşik Krallık İlaç ve Sağlık Ürünleri Düzenleme Kurumu (MHRA)' },
  HealthCanada: { en: 'Health Canada', tr: 'Kanada Sağlık Bakanlığı (Health Canada)' },
  PMDA: { en: 'Japan Pharmaceuticals and Medical Devices Agency (PMDA)', tr: 'Japonya İlaç ve Tıbbi Cihaz Ajansı (PMDA)' },
  MFDS: { en: 'Korea Ministry of Food and Drug Safety (MFDS)', tr: 'Kore Gıda ve İlaç Güvenliği Bakanlığı (MFDS)' },
  TGA: { en: 'Australian Therapeutic Goods Administration (TGA)', tr: 'Avustralya Tedavi Ürünleri İdaresi (TGA)' },
  NMPA: { en: 'China National Medical Products Administration (NMPA)', tr: 'Çin Ulusal Tıbbi Ürünler İdaresi (NMPA)' },
  TITCK: { en: 'Turkish Medicines and Medical Devices Agency (TİTCK)', tr: 'Türkiye İlaç ve Tıbbi Cihaz Kurumu (TİTCK)' },
  NICE: { en: 'National Institute for Health and Care Excellence (NICE)', tr: 'Ulusal Sağlık ve Bakım Mükemmeliyet Enstitüsü (NICE)' }
}

const evidence: Labels<typeof EVIDENCE_LEVELS> = {
  established: { en: 'Established', tr: 'Kanıtlanmış' },
  probable: { en: 'Probable', tr: 'Olası' },
  investigational: { en: 'Investigational', tr: 'Araştırma aşamasında' },
  'not-supported': { en: 'Not supported by evidence', tr: 'Kanıtla desteklenmiyor' }
}

const riskEvidence: Labels<typeof RISK_EVIDENCE> = {
  established: { en: 'Established', tr: 'Kanıtlanmış' },
  probable: { en: 'Probable', tr: 'Olası' },
  possible: { en: 'Possible', tr: 'Mümkün' },
  'not-supported': { en: 'Not supported by evidence', tr: 'Kanıtla desteklenmiyor' }
}

const clusterStatus: Labels<typeof CLUSTER_STATUSES> = {
  declined: { en: 'Declined', tr: 'Azalmış' },
  persisting: { en: 'Persisting', tr: 'Sürüyor' },
  unclear: { en: 'Unclear', tr: 'Belirsiz' }
}

const interval: Labels<readonly ['95-ci', 'trend']> = {
  '95-ci': { en: '95% confidence interval', tr: '%95 güven aralığı' },
  trend: { en: 'First and last value of a trend', tr: 'Eğilimin ilk ve son değeri' }
}

const referenceType: Labels<typeof REFERENCE_TYPES> = {
  'journal-article': { en: 'Journal article', tr: 'Dergi makalesi' },
  review: { en: 'Review', tr: 'Derleme' },
  guideline: { en: 'Guideline', tr: 'Kılavuz' },
  regulatory: { en: 'Regulatory document', tr: 'Düzenleyici kurum belgesi' },
  'web-page': { en: 'Web page', tr: 'Web sayfası' },
  book: { en: 'Book', tr: 'Kitap' },
  'book-chapter': { en: 'Book chapter', tr: 'Kitap bölümü' }
}

const synonymKind: Labels<typeof SYNONYM_KINDS> = {
  abbreviation: { en: 'Abbreviation', tr: 'Kısaltma' },
  synonym: { en: 'Synonym', tr: 'Eş anlamlı ad' },
  eponym: { en: 'Eponym', tr: 'Kişi adıyla anılan ad' },
  'umbrella-term': { en: 'Umbrella term', tr: 'Üst terim' }
}

const codeSystem: Labels<typeof CODE_SYSTEMS> = {
  icd10: same('ICD-10'),
  icd10cm: same('ICD-10-CM'),
  icd11: same('ICD-11'),
  snomedct: same('SNOMED CT'),
  mesh: same('MeSH'),
  omim: same('OMIM'),
  orphanet: same('Orphanet'),
  mondo: same('MONDO'),
  umls: same('UMLS'),
  hpo: same('HPO'),
  hgnc: same('HGNC')
}

const searchKind: Labels<typeof SEARCH_KINDS> = {
  topic: { en: 'Topic', tr: 'Konu' },
  section: { en: 'Section', tr: 'Bölüm' },
  statement: { en: 'Statement', tr: 'İfade' },
  reference: { en: 'Reference', tr: 'Kaynak' },
  synonym: { en: 'Synonym', tr: 'Eş anlamlı ad' },
  symptom: { en: 'Symptom', tr: 'Belirti' },
  'onset-pattern': { en: 'Onset pattern', tr: 'Başlangıç biçimi' },
  'spared-function': { en: 'Spared function', tr: 'Korunan işlev' },
  statistic: { en: 'Statistic', tr: 'İstatistik' },
  cluster: { en: 'Cluster', tr: 'Küme' },
  'risk-factor': { en: 'Risk factor', tr: 'Risk etkeni' },
  gene: { en: 'Gene', tr: 'Gen' },
  criterion: { en: 'Diagnostic criteria', tr: 'Tanı ölçütleri' },
  test: { en: 'Test', tr: 'Test' },
  differential: { en: 'Differential diagnosis', tr: 'Ayırıcı tanı' },
  scale: { en: 'Rating scale', tr: 'Derecelendirme ölçeği' },
  treatment: { en: 'Treatment', tr: 'Tedavi' },
  question: { en: 'Question', tr: 'Soru' }
}

const careArea: Labels<typeof CARE_AREAS> = {
  team: { en: 'Care team', tr: 'Bakım ekibi' },
  respiratory: { en: 'Breathing', tr: 'Solunum' },
  nutrition: { en: 'Eating and nutrition', tr: 'Yeme ve beslenme' },
  communication: { en: 'Communication', tr: 'İletişim' },
  mobility: { en: 'Mobility and equipment', tr: 'Hareket ve donanım' },
  exercise: { en: 'Exercise', tr: 'Egzersiz' },
  symptom: { en: 'Symptom relief', tr: 'Belirtilerin hafifletilmesi' },
  cognitive: { en: 'Thinking and behaviour', tr: 'Düşünme ve davranış' },
  psychological: { en: 'Mood and emotions', tr: 'Ruh hâli ve duygular' },
  social: { en: 'Social care, work and driving', tr: 'Sosyal bakım, iş ve araç kullanma' },
  carer: { en: 'Carers', tr: 'Bakım verenler' }
}

const triggerMeasure: Labels<typeof TRIGGER_MEASURES> = {
  'fvc-percent-predicted': { en: 'Forced vital capacity (% of predicted)', tr: 'Zorlu vital kapasite (beklenen değerin %\'si)' },
  'snip-cmh2o': { en: 'Sniff nasal inspiratory pressure (cmH2O)', tr: 'Koklama burun inspiratuvar basıncı (cmH2O)' },
  'pco2-kpa': { en: 'Carbon dioxide in the blood, pCO2 (kPa)', tr: 'Kanda karbondioksit, pCO2 (kPa)' },
  'weight-loss-percent': { en: 'Weight loss (% of usual weight)', tr: 'Kilo kaybı (olağan kilonun %\'si)' },
  'months-since-last-assessment': { en: 'Months since the last assessment', tr: 'Son değerlendirmeden bu yana geçen ay' }
}

const comparator: Labels<typeof COMPARATORS> = {
  '<': { en: 'less than', tr: 'küçüktür' },
  '<=': { en: 'at most', tr: 'en çok' },
  '>': { en: 'more than', tr: 'büyüktür' },
  '>=': { en: 'at least', tr: 'en az' }
}

const decisionTrigger: Labels<typeof DECISION_TRIGGERS> = {
  'at-diagnosis': { en: 'At diagnosis', tr: 'Tanı konduğunda' },
  'respiratory-change': { en: 'When breathing changes', tr: 'Solunum değiştiğinde' },
  'ventilation-considered': { en: 'When ventilation is considered', tr: 'Ventilasyon düşünüldüğünde' },
  'gastrostomy-considered': { en: 'When a feeding tube is considered', tr: 'Beslenme tüpü düşünüldüğünde' },
  'swallowing-unsafe': { en: 'When swallowing becomes unsafe', tr: 'Yutma güvenli olmaktan çıktığında' },
  'ventilator-dependence': { en: 'When the person depends on the ventilator', tr: 'Kişi ventilatöre bağımlı hâle geldiğinde' },
  'person-asks-to-stop': { en: 'When the person asks to stop a treatment', tr: 'Kişi bir tedavinin durdurulmasını istediğinde' },
  'cognitive-change': { en: 'When thinking or behaviour changes', tr: 'Düşünme ya da davranış değiştiğinde' },
  'last-days': { en: 'In the last days of life', tr: 'Yaşamın son günlerinde' }
}

const trialPhase: Labels<typeof TRIAL_PHASES> = {
  'phase-1': { en: 'Phase 1', tr: 'Faz 1' },
  'phase-1-2': { en: 'Phase 1/2', tr: 'Faz 1/2' },
  'phase-2': { en: 'Phase 2', tr: 'Faz 2' },
  'phase-2-3': { en: 'Phase 2/3', tr: 'Faz 2/3' },
  'phase-3': { en: 'Phase 3', tr: 'Faz 3' },
  'phase-4': { en: 'Phase 4', tr: 'Faz 4' },
  'experimental-medicine': { en: 'Experimental medicine study', tr: 'Deneysel tıp çalışması' }
}

const trialRegistry: Labels<typeof TRIAL_REGISTRIES> = {
  'clinicaltrials.gov': same('ClinicalTrials.gov'),
  euctr: { en: 'EU Clinical Trials Register', tr: 'AB Klinik Araştırmalar Kaydı (EU CTR)' },
  ctis: { en: 'EU Clinical Trials Information System (CTIS)', tr: 'AB Klinik Araştırmalar Bilgi Sistemi (CTIS)' },
  isrctn: same('ISRCTN'),
  anzctr: { en: 'Australian New Zealand Clinical Trials Registry', tr: 'Avustralya Yeni Zelanda Klinik Araştırmalar Kaydı (ANZCTR)' }
}

const programmeState: Labels<typeof PROGRAMME_STATES> = {
  recruiting: { en: 'Recruiting', tr: 'Katılımcı alıyor' },
  'active-not-recruiting': { en: 'Active, not recruiting', tr: 'Sürüyor, katılımcı almıyor' },
  completed: { en: 'Completed', tr: 'Tamamlandı' },
  stopped: { en: 'Stopped', tr: 'Durduruldu' }
}

/** Every vocabulary, by id. */
export const VOCABULARIES: Record<string, Vocabulary> = {
  bodyRegion: { description: 'Body region of a symptom.', usedBy: ['symptom.region'], labels: bodyRegion },
  neuron: { description: 'Motor neuron type of a sign.', usedBy: ['symptom.neuron'], labels: neuron },
  measure: { description: 'What an epidemiological figure measures.', usedBy: ['statistic.measure'], labels: measure },
  region: { description: 'Geographic region of a population.', usedBy: ['statistic.region'], labels: region },
  inheritance: { description: 'Mode of inheritance of a gene.', usedBy: ['gene.inheritance'], labels: inheritance },
  treatmentKind: { description: 'Kind of treatment.', usedBy: ['treatment.kind'], labels: treatmentKind },
  treatmentStatus: { description: 'Overall status of a treatment.', usedBy: ['treatment.status'], labels: treatmentStatus },
  approvalStatus: { description: 'Decision of a regulator or health-technology body.', usedBy: ['treatment.approvals.status'], labels: approvalStatus },
  agency: { description: 'Regulator or health-technology body.', usedBy: ['treatment.approvals.agency'], labels: agency },
  evidence: { description: 'Strength of the evidence behind a claim or treatment.', usedBy: ['statement.evidence', 'treatment.evidence'], labels: evidence },
  riskEvidence: { description: 'Strength of the evidence that a factor raises the risk of ALS.', usedBy: ['riskFactor.evidence'], labels: riskEvidence },
  clusterStatus: { description: 'Whether a geographic cluster has declined, persists, or is unclear.', usedBy: ['cluster.status'], labels: clusterStatus },
  interval: { description: 'What the low and high values of an estimate are.', usedBy: ['familialShare.estimates.interval'], labels: interval },
  referenceType: { description: 'Kind of source.', usedBy: ['reference.type'], labels: referenceType },
  synonymKind: { description: 'Kind of name.', usedBy: ['synonym.kind'], labels: synonymKind },
  codeSystem: { description: 'Medical coding system.', usedBy: ['code.system'], labels: codeSystem },
  searchKind: { description: 'Kind of a search result.', usedBy: ['searchHit.kind'], labels: searchKind },
  careArea: { description: 'Area of care of an intervention.', usedBy: ['care.interventions.area'], labels: careArea },
  triggerMeasure: { description: 'What a care trigger measures, with its unit.', usedBy: ['care.interventions.triggers.measure'], labels: triggerMeasure },
  comparator: { description: 'How a measured value compares with a trigger\'s threshold.', usedBy: ['care.interventions.triggers.comparator'], labels: comparator },
  decisionTrigger: { description: 'When an end-of-life decision point arises.', usedBy: ['endOfLife.decisionPoints.triggers.kind'], labels: decisionTrigger },
  trialPhase: { description: 'Phase of a trial programme.', usedBy: ['research.programmes.phase'], labels: trialPhase },
  trialRegistry: { description: 'Registry of a trial id.', usedBy: ['research.programmes.registryIds.registry'], labels: trialRegistry },
  programmeState: { description: 'Recruitment state of a trial programme, as of its statusAsOf date.', usedBy: ['research.programmes.state'], labels: programmeState }
}
