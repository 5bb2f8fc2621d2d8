// The shapes of the read API (contract §4) as tests read them.

export interface FacetEntry {
  id: string;
  label: string;
  count: number;
  broader?: string | null;
}

export interface ListItem {
  slug: string;
  type: string;
  titre: string;
  resume: string;
  licence: string;
  modifie: string | null;
  url: string;
  extrait: string;
}

export interface ListBody {
  total: number;
  page: number;
  par_page: number;
  resultats: ListItem[];
  facettes: Record<string, FacetEntry[]>;
  recherche_elargie?: boolean;
}
