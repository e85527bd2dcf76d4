export { TinyPersonFactory, type CreateOneOptions } from './factory.js';
export type {
  CreateOptions,
  CreateResult,
  FactoryOptions,
  GeneratedPersona,
  SamplingDimension,
  Subpopulation,
  Combination,
} from './types.js';
export { NameRegistry } from './name-registry.js';
export { settleName } from './names.js';
export { renderAvatarSvg, renderAvatarPng, avatarDataUri, avatarColor } from './avatar.js';
export { rescaleQuantities, normalizePlan, normalizeDimensions } from './plan.js';
export { flattenPlan } from './flatten.js';
export { validateCount, validateDescription, validateDemography, DEFAULT_MAX_COUNT } from './validate-input.js';
export {
  DemographySchema,
  PersonaOutputSchema,
  DimensionsOutputSchema,
  PlanOutputSchema,
  type Demography,
} from './schemas.js';
export {
  alignPanel,
  parseTargets,
  TargetMarginalsSchema,
  type AlignmentReport,
  type DimensionDeviation,
  type TargetMarginals,
} from './alignment.js';
export { rake, effectiveSampleSize, type RakingOptions, type RakingResult } from './raking.js';
export { profilePanel, DEFAULT_PROFILE_DIMENSIONS, type ProfileDimension, type ProfileRow } from './panel-profile.js';
export { categoryOf, rawValue, parseAgeBand, BUILT_IN_DIMENSIONS } from './dimension-values.js';
