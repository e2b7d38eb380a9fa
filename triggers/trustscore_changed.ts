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
          'Optional: trigger only when the TrustScore moved at least this much since it last fired, from 0.1 to 5 with one decimal, e.g. `0.2`. Empty: every change. ' +
          'A star rating change always triggers. Each check is one public Trustpilot call; the first only notes the score.',
      },
    ],
    outputFields: trustScoreOutputFields,
    sample: trustScoreSample,
    perform,
  },
});
