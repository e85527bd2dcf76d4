export {
  Intervention,
  type InterventionOptions,
  type InterventionFiring,
  type InterventionContext,
} from './intervention.js';
export {
  varietyIntervention,
  offTopicIntervention,
  recentWordOverlap,
  VARIETY_THOUGHT,
  NOT_PROPOSING_NEW_IDEAS_CLAIM,
  type VarietyOptions,
  type OffTopicOptions,
} from './ready-made.js';
export { TinyStory, StoryTextSchema, type TinyStoryOptions, type StoryStepOptions } from './tiny-story.js';
