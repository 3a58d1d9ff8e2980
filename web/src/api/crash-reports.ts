import { api } from './client';

export interface CrashReport {
  message: string;
  stack?: string;
  url?: string;
  component?: string;
}

/** A page that crashes in a loop must not flood the server, so each page load sends only a few. */
const maxReportsPerPageLoad = 5;
let sent = 0;
const seen = new Set<string>();

export function reportCrash(report: CrashReport): void {
  const fingerprint = `${report.message}\n${report.stack ?? ''}`.slice(0, 500);
  if (sent >= maxReportsPerPageLoad || seen.has(fingerprint)) return;
  sent += 1;
  seen.add(fingerprint);
  const body: CrashReport = {
    message: report.message.slice(0, 1000),
    stack: report.stack?.slice(0, 8000),
    // the path only: query strings can carry search terms the person typed
    url: report.url ?? window.location.pathname,
    component: report.component?.slice(0, 2000),
  };
  api.post('/api/crash-reports', body).catch(() => {
    // nowhere left to report a failed report
  });
}
