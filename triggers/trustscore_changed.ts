import { defineTrigger, type PollingTriggerPerform } from 'zapier-platform-core';

import { businessUnitField } from '../src/trustpilot/fields';
import { TRUSTSCORE_LABELS as LABELS, trustScoreOutputFields, trustScoreSample } from '../src/trustscore/fields';

const perform = (async (z, bundle) => {
  const { pollTrustScore } = await import('../src/trustscore/changed');
  return pollTrustScore(z, bundle);
}) satisfies PollingTriggerPerform;

export default defineTrigger({
  key: 'trustscore_changed',
  noun: 'TrustScore',
  display: {
    label: 'TrustScore Changed',
    description: 'Triggers when your TrustScore or star rating on Trustpilot goes up or down.',
  },
  operation: {
    type: 'polling',
    inputFields: [
      businessUnitField,
      {
        key: 'min_change',
        label: LABELS.min_change,
        type: 'number',
        required: false,
        helpText:
          'Optional. Only trigger when the TrustScore has moved at least this much since the last time this trigger fired, e.g. `0.2`. ' +
          'Leave empty to trigger on every change (TrustScores have one decimal, so the smallest change is 0.1). A change of the star rating always triggers. ' +
          'Each check is one call to Trustpilot’s public profile; the first check only notes the current TrustScore.',
      },
    ],
    outputFields: trustScoreOutputFields,
    sample: trustScoreSample,
    perform,
  },
});
