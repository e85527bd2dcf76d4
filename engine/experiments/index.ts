export { runAB, type ABOptions, type ABSamples, type Observation, type ScenarioRun } from './ab-test.js';
export { blindPairs, unblind, type Arm, type BlindedPair } from './blind.js';
export {
  compareConditions,
  formatResultsTable,
  type ResultRow,
  type ArmSummary,
  type TableOptions,
} from './results-table.js';
