import { Alert, Typography } from 'antd';
import type { PrivacyRequest } from '../../api/privacy-requests';
import { useI18n } from '../../i18n/context';
import { refusalReasonLabel } from '../../privacy/request-labels';

/** The operator's words, as they wrote them (line breaks kept). */
function Said({ label, text }: { label?: string; text: string }) {
  return (
    <div>
      {label && <Typography.Text type="secondary">{label}</Typography.Text>}
      <div data-testid="request-response" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </div>
    </div>
  );
}

/** What came of a decided request: the answer, or the policy's reason for a refusal and its explanation. */
export function RequestOutcome({ request }: { request: PrivacyRequest }) {
  const { t } = useI18n();
  if (request.status === 'refused') {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="request-refusal"
        data-reason={request.refusalReason ?? ''}
        title={t('requests.refusedBecause', { reason: request.refusalReason ? refusalReasonLabel(request.refusalReason, t) : '' })}
        description={request.response && <Said label={t('requests.explanation')} text={request.response} />}
      />
    );
  }
  if (request.status !== 'completed') return null;
  // what completing it carried out, then the operator's words if they wrote any
  const carriedOut = request.receiptId
    ? t('requests.erased', { receipt: request.receiptId })
    : request.exportId
      ? t('requests.exportPrepared')
      : request.routedTo
        ? t('requests.correctionRouted', { org: request.routedTo.name })
        : null;
  if (!carriedOut && !request.response) return null;
  return (
    <Alert
      type="success"
      showIcon
      data-testid="request-answer"
      title={carriedOut ?? t('requests.answer')}
      description={
        <>
          {request.exportId && <a href="#export">{t('requests.toDownload')}</a>}
          {request.response && <Said text={request.response} />}
        </>
      }
    />
  );
}
