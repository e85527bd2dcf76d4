export {
  parseSurveyCsv,
  decodeSurvey,
  MAX_SURVEY_ROWS,
  type SurveyData,
  type SurveyQuestion,
  type SurveySegment,
  type SurveyCsvOptions,
} from './survey-csv.js';
export { scoreAgainst, baselineScores, type FidelityScores } from './fidelity-scores.js';
export {
  buildFidelityReport,
  alignmentWeights,
  type FidelityReport,
  type QuestionFidelity,
  type SegmentFidelity,
  type FidelitySummary,
  type FidelityInput,
} from './fidelity-report.js';
