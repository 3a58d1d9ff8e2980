import { reportCrash } from '../api/crash-reports';

/** Errors that escape React (event handlers, timers, rejected promises) are reported from here. */
export function watchForCrashes(): void {
  window.addEventListener('error', (event) => {
    // resource load failures (a broken <img>) also arrive here, without an error object
    if (!(event.error instanceof Error) && !event.message) return;
    reportCrash({
      message: event.error instanceof Error ? event.error.message : event.message,
      stack: event.error instanceof Error ? event.error.stack : `${event.filename}:${event.lineno}:${event.colno}`,
    });
  });
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    reportCrash({
      message: reason instanceof Error ? reason.message : `Unhandled rejection: ${String(reason)}`,
      stack: reason instanceof Error ? reason.stack : undefined,
    });
  });
}
