// What readers need to know about each licence (contract §2): its label, where its text is,
// and whether modified versions may be shared.
export interface LicenceInfo {
  id: string;
  label: string;
  url: string | null;
  /** The licence forbids sharing modified versions. */
  sansModification: boolean;
}

const LICENCES: Record<string, Omit<LicenceInfo, 'id'>> = {
  'CC-BY-SA-4.0': { label: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.fr', sansModification: false },
  'CC-BY-4.0': { label: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/deed.fr', sansModification: false },
  'CC-BY-ND-4.0': { label: 'CC BY-ND 4.0', url: 'https://creativecommons.org/licenses/by-nd/4.0/deed.fr', sansModification: true },
  'CC0-1.0': { label: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/deed.fr', sansModification: false },
  'ODbL-1.0': { label: 'ODbL 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/', sansModification: false },
  'LicenseRef-Prive': { label: 'Privée (tous droits réservés)', url: null, sansModification: true },
};

export function licenceInfo(id: string): LicenceInfo {
  return { id, ...(LICENCES[id] ?? { label: id, url: null, sansModification: false }) };
}
