/**
 * DynamoDB's wire format ("AttributeValue" maps) as it reaches us in stream records (aws-lambda types) and in
 * the `Item` of a ConditionalCheckFailed error (SDK types). The two declare binary values differently
 * (base64 string vs bytes), so this structural type accepts both and we convert without the SDK's marshaller.
 */
export interface WireAttributeValue {
  readonly S?: string | undefined;
  readonly N?: string | undefined;
  readonly BOOL?: boolean | undefined;
  readonly NULL?: boolean | undefined;
  readonly M?: Readonly<Record<string, WireAttributeValue>> | undefined;
  readonly L?: readonly WireAttributeValue[] | undefined;
  readonly SS?: readonly string[] | undefined;
  readonly NS?: readonly string[] | undefined;
  readonly B?: unknown;
  readonly BS?: unknown;
}

export type WireImage = Readonly<Record<string, WireAttributeValue>>;

export type PlainValue =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | PlainValue[]
  | { [key: string]: PlainValue };

export class MalformedImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedImageError';
  }
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Uint8Array.from(Buffer.from(value, 'base64'));
  throw new MalformedImageError('binary attribute is neither bytes nor base64');
}

/** Converts one wire value to a plain JS value (numbers become JS numbers; sets become arrays). O(size). */
export function unwire(value: WireAttributeValue): PlainValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return unwireImage(value.M);
  if (value.L !== undefined) return value.L.map(unwire);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.B !== undefined) return toBytes(value.B);
  if (Array.isArray(value.BS)) return value.BS.map(toBytes);
  throw new MalformedImageError('attribute value has no known type');
}

/** Converts a wire item (image) to a plain object. O(size). */
export function unwireImage(image: WireImage): { [key: string]: PlainValue } {
  const out: { [key: string]: PlainValue } = {};
  for (const [name, value] of Object.entries(image)) out[name] = unwire(value);
  return out;
}
