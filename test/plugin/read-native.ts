// Test support: reads the generated AndroidManifest.xml and Info.plist into plain facts to assert on.
import { XML } from '@expo/config-plugins';
import plistModule from '@expo/plist';
import { INFO_PLIST, MANIFEST, read } from './template';

type Node = { $?: Record<string, string>; [child: string]: unknown };

const plist = (
  'parse' in plistModule ? plistModule : (plistModule as { default: typeof plistModule }).default
) as {
  parse(text: string): Record<string, unknown>;
};

/** The manifest's permissions (full names) and the attributes of each service, by name. */
export async function readManifest(root: string): Promise<{
  permissions: string[];
  services: Record<string, Record<string, string>>;
  tools: string | undefined;
}> {
  const xml = (await XML.parseXMLAsync(read(root, MANIFEST))) as { manifest: Node };
  const manifest = xml.manifest;
  const permissions = ((manifest['uses-permission'] as Node[] | undefined) ?? []).map(
    (entry) => entry.$?.['android:name'] ?? '',
  );
  const application = (manifest.application as Node[])[0] as Node;
  const services: Record<string, Record<string, string>> = {};
  for (const service of (application.service as Node[] | undefined) ?? []) {
    services[service.$?.['android:name'] ?? ''] = service.$ ?? {};
  }
  return { permissions, services, tools: manifest.$?.['xmlns:tools'] };
}

/** The parsed Info.plist. */
export function readInfoPlist(root: string): Record<string, unknown> {
  return plist.parse(read(root, INFO_PLIST));
}
