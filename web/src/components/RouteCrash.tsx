import { useEffect } from 'react';
import { useRouteError } from 'react-router-dom';
import { reportCrash } from '../api/crash-reports';
import { CrashNotice } from './CrashNotice';

/** The router catches errors from the layout itself before any boundary of ours can: report those too. */
export function RouteCrash() {
  const error = useRouteError();
  useEffect(() => {
    reportCrash({
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
      component: 'route',
    });
  }, [error]);
  return <CrashNotice />;
}
