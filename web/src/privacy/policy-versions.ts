import type { PolicyVersionSummary } from '../api/policy';

/** The version a version replaced: the next one in the server's newest-first list. */
export function previousVersionOf(versions: PolicyVersionSummary[], versionId: string): PolicyVersionSummary | null {
  const index = versions.findIndex((version) => version.id === versionId);
  return index >= 0 ? (versions[index + 1] ?? null) : null;
}

/** The version in force is the newest one whose effective date has come. */
export function versionInForce(versions: PolicyVersionSummary[]): PolicyVersionSummary | null {
  return versions.find((version) => version.inForce) ?? null;
}
