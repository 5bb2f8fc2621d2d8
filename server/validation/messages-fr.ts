// Turns ajv errors into French messages attached to a JSON pointer (whose line the caller
// knows). Written for the keywords our schemas use; ajv-i18n covers anything else.
import type { ErrorObject } from 'ajv/dist/2020.js';
import localizeModule from 'ajv-i18n/localize/fr/index.js';
import { escapePointer } from '../content/yaml-safe.js';
import { closestWord } from './closest-word.js';
import type { Ontology } from '../ontology/ontology.js';
import type { VocabularyErrorParams } from './ajv.js';

type Localize = (errors: ErrorObject[]) => void;
const localizeFr = ((localizeModule as unknown as { default?: Localize }).default ?? localizeModule) as unknown as Localize;

export interface LocatedMessage {
  pointer: string;
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  array: 'une liste',
  object: 'une table de clés : valeurs',
  integer: 'un nombre entier',
  number: 'un nombre',
  boolean: 'true ou false',
  null: 'vide',
};

/** `/liens/voir_aussi/0` → `liens.voir_aussi[0]`. */
export function fieldName(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `« ${text && text.length > 80 ? `${text.slice(0, 77)}…` : text} »`;
}

export interface MessageContext {
  ontology: Ontology | undefined;
  /** Keys that would have been accepted at the top level (for "did you mean"). */
  knownKeys: string[];
}

export function describeErrors(errors: ErrorObject[], context: MessageContext): LocatedMessage[] {
  const out: LocatedMessage[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const described = describeError(error, context);
    if (!described) continue;
    const key = `${described.pointer}\u0000${described.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(described);
    }
  }
  return out;
}

function describeError(error: ErrorObject, context: MessageContext): LocatedMessage | null {
  const pointer = error.instancePath;
  const field = fieldName(pointer);
  const prefix = field ? `${field} : ` : '';
  const params = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return null; // the errors of the branch that failed say it better
    case 'required': {
      const missing = String(params.missingProperty);
      if (error.schemaPath.includes('/then/')) {
        return { pointer: `${pointer}/licence`, message: 'la licence LicenseRef-Prive est réservée aux fiches privées : ajoutez « visibilite: prive »' };
      }
      return { pointer, message: `${prefix}la clé ${quote(missing)} est obligatoire` };
    }
    case 'unevaluatedProperties':
    case 'additionalProperties': {
      const key = String(params.unevaluatedProperty ?? params.additionalProperty);
      const candidates = pointer === '' ? context.knownKeys : Object.keys((parent.properties as object) ?? {});
      const suggestion = closestWord(key, candidates);
      const hint = suggestion ? ` (vouliez-vous dire ${quote(suggestion)} ?)` : '';
      const free = pointer === '' ? ' ; les clés libres commencent par x_' : '';
      return { pointer: `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: `${prefix}clé inconnue ${quote(key)}${hint}${free}` };
    }
    case 'type':
      return { pointer, message: `${prefix}doit être ${TYPE_NAMES[String(params.type)] ?? String(params.type)}` };
    case 'minLength':
      return { pointer, message: `${prefix}doit contenir au moins ${String(params.limit)} caractère${Number(params.limit) > 1 ? 's' : ''}` };
    case 'maxLength':
      return { pointer, message: `${prefix}doit contenir au plus ${String(params.limit)} caractères` };
    case 'minimum':
      return { pointer, message: `${prefix}doit être supérieur ou égal à ${String(params.limit)}` };
    case 'maximum':
      return { pointer, message: `${prefix}doit être inférieur ou égal à ${String(params.limit)}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof error.data === 'string' ? closestWord(error.data, allowed) : null;
      const hint = suggestion ? ` (vouliez-vous dire ${quote(suggestion)} ?)` : '';
      return { pointer, message: `${prefix}${quote(error.data)} n’est pas une valeur permise${hint} ; valeurs permises : ${allowed.join(', ')}` };
    }
    case 'const':
      if (error.schemaPath.includes('/then/')) {
        return { pointer, message: `${prefix}doit valoir « prive » : la licence LicenseRef-Prive est réservée aux fiches privées` };
      }
      return { pointer, message: `${prefix}doit valoir ${quote(params.allowedValue)}` };
    case 'pattern':
      if (String(parent.pattern).startsWith('^[a-z0-9]+(-[a-z0-9]+)*$')) {
        return { pointer, message: `${prefix}${quote(error.data)} n’est pas un slug valide (minuscules sans accents, chiffres et tirets, 80 caractères au plus)` };
      }
      if (String(parent.pattern).startsWith('^https?://')) {
        return { pointer, message: `${prefix}doit être une adresse web commençant par http:// ou https://` };
      }
      return { pointer, message: `${prefix}${quote(error.data)} n’a pas la forme attendue` };
    case 'format':
      if (params.format === 'date') {
        return { pointer, message: `${prefix}${quote(error.data)} n’est pas une date ISO valide (AAAA-MM-JJ, par exemple 2024-02-01)` };
      }
      return { pointer, message: `${prefix}${quote(error.data)} n’est pas une adresse web valide` };
    case 'vocabulaire':
      return describeConceptError(error, params as unknown as VocabularyErrorParams, context);
    default: {
      const copy = { ...error };
      localizeFr([copy]);
      return { pointer, message: `${prefix}${copy.message ?? 'valeur invalide'}` };
    }
  }
}

function describeConceptError(error: ErrorObject, params: VocabularyErrorParams, context: MessageContext): LocatedMessage {
  const { vocabulaire, valeur } = params;
  // A key checked through `propertyNames` (the relation ids of `liens`): ajv gives custom
  // keyword errors no `propertyName`, so the old test never matched and the problem landed on
  // the `liens:` line instead of the line of the unknown relation. The key is the checked value.
  const isPropertyName = error.schemaPath.includes('/propertyNames/');
  const pointer = isPropertyName ? `${error.instancePath}/${escapePointer(String(valeur))}` : error.instancePath;
  if (params.inconnu) {
    return { pointer, message: `le vocabulaire ${quote(vocabulaire)} n’existe pas (fichier ontologie/${vocabulaire}.yaml manquant ou invalide)` };
  }
  const ids = context.ontology?.activeConcepts(vocabulaire).map((c) => c.id) ?? [];
  const suggestion = closestWord(String(valeur), ids);
  const hint = suggestion ? ` (vouliez-vous dire ${quote(suggestion)} ?)` : '';
  if (vocabulaire === 'relations') {
    return { pointer, message: `liens : relation inconnue ${quote(valeur)}${hint} ; relations possibles : ${ids.join(', ')}` };
  }
  return { pointer, message: `${fieldName(error.instancePath)} : ${quote(valeur)} n’est pas un concept du vocabulaire ${vocabulaire}${hint}` };
}
