/**
 * Discord's documented request limits, answered the way Discord answers them:
 * HTTP 400 `{ code: 50035, message: "Invalid Form Body", errors: { path: { _errors: [...] } } }`
 * (or 50006 "Cannot send an empty message").
 *
 * Only the limits a text bot is likely to hit are checked: content 2000; 10 embeds; embed
 * title 256 / description 4096 / 25 fields / field name 256 (non-empty) / field value 1024
 * (non-empty) / footer 2048 / author 256 / 6000 characters in total; 5 action rows of at most
 * 5 buttons, custom_id 1-100, label 80; select menus 25 options; autocomplete 25 choices with
 * name and value 1-100; modal title 45; thread names 1-100; and command registration
 * (names, descriptions, option order, 25 options/choices, 100 commands, and how subcommands and
 * subcommand groups nest).
 */

export interface DiscordErrorBody {
  code: number;
  message: string;
  errors?: Record<string, unknown>;
}

export class FormErrors {
  private readonly root: Record<string, unknown> = {};
  private count = 0;

  add(path: ReadonlyArray<string | number>, code: string, message: string): void {
    let node = this.root;
    for (const key of path) {
      const k = String(key);
      const next = node[k];
      if (typeof next === 'object' && next !== null) node = next as Record<string, unknown>;
      else {
        const created: Record<string, unknown> = {};
        node[k] = created;
        node = created;
      }
    }
    const list = (node._errors as Array<{ code: string; message: string }> | undefined) ?? [];
    list.push({ code, message });
    node._errors = list;
    this.count += 1;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  toBody(): DiscordErrorBody {
    return { code: 50035, message: 'Invalid Form Body', errors: this.root };
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function maxLen(errors: FormErrors, path: Array<string | number>, value: unknown, max: number, min = 0): void {
  if (value === undefined || value === null) {
    if (min > 0) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return;
  }
  const len = [...value].length;
  if (len > max) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  else if (len < min) errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
}

/** Validates a message body (create or edit). `prefix` is e.g. ['data'] for interaction callbacks. */
export function validateMessage(
  body: Record<string, unknown>,
  errors: FormErrors,
  prefix: Array<string | number> = [],
): void {
  maxLen(errors, [...prefix, 'content'], body.content, 2000);
  const embeds = body.embeds;
  if (embeds !== undefined && embeds !== null) {
    if (!Array.isArray(embeds)) errors.add([...prefix, 'embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    else {
      if (embeds.length > 10) errors.add([...prefix, 'embeds'], 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
      let total = 0;
      embeds.forEach((e: unknown, i) => {
        const p = [...prefix, 'embeds', i];
        if (!isRecord(e)) return;
        maxLen(errors, [...p, 'title'], e.title, 256);
        maxLen(errors, [...p, 'description'], e.description, 4096);
        total += (str(e.title) ?? '').length + (str(e.description) ?? '').length;
        if (isRecord(e.footer)) {
          maxLen(errors, [...p, 'footer', 'text'], e.footer.text, 2048, 1);
          total += (str(e.footer.text) ?? '').length;
        }
        if (isRecord(e.author)) {
          maxLen(errors, [...p, 'author', 'name'], e.author.name, 256, 1);
          total += (str(e.author.name) ?? '').length;
        }
        if (typeof e.color === 'number' && (e.color < 0 || e.color > 0xffffff)) {
          errors.add([...p, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
        }
        if (Array.isArray(e.fields)) {
          if (e.fields.length > 25) errors.add([...p, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
          e.fields.forEach((f: unknown, j) => {
            if (!isRecord(f)) return;
            maxLen(errors, [...p, 'fields', j, 'name'], f.name, 256, 1);
            maxLen(errors, [...p, 'fields', j, 'value'], f.value, 1024, 1);
            total += (str(f.name) ?? '').length + (str(f.value) ?? '').length;
          });
        }
      });
      if (total > 6000) {
        errors.add([...prefix, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
      }
    }
  }
  validateComponents(body.components, errors, [...prefix, 'components']);
}

function validateComponents(components: unknown, errors: FormErrors, path: Array<string | number>): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  const legacyRows = components.filter((c) => isRecord(c) && c.type === 1);
  if (legacyRows.length > 5) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  components.forEach((row: unknown, i) => {
    if (!isRecord(row) || row.type !== 1 || !Array.isArray(row.components)) return;
    const inner: unknown[] = row.components;
    if (inner.length > 5) errors.add([...path, i, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
    inner.forEach((c: unknown, j) => {
      if (!isRecord(c)) return;
      const p = [...path, i, 'components', j];
      if (c.type === 2) {
        const isLink = c.style === 5;
        const isPremium = c.style === 6;
        if (isLink) {
          if (typeof c.url !== 'string') errors.add([...p, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
          if (c.custom_id !== undefined) errors.add([...p, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A custom id cannot be set on a link button');
        } else if (!isPremium) {
          maxLen(errors, [...p, 'custom_id'], c.custom_id, 100, 1);
        }
        maxLen(errors, [...p, 'label'], c.label, 80);
      } else if (c.type === 3 || (typeof c.type === 'number' && c.type >= 5 && c.type <= 8)) {
        maxLen(errors, [...p, 'custom_id'], c.custom_id, 100, 1);
        if (Array.isArray(c.options) && c.options.length > 25) {
          errors.add([...p, 'options'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        }
      }
    });
  });
}

/** True when a message would have nothing to show (Discord answers 50006). */
export function isEmptyMessage(body: Record<string, unknown>, fileCount: number, stickers = false): boolean {
  const content = str(body.content) ?? '';
  const embeds = Array.isArray(body.embeds) ? body.embeds.length : 0;
  const components = Array.isArray(body.components) ? body.components.length : 0;
  const attachments = Array.isArray(body.attachments) ? body.attachments.length : 0;
  const poll = isRecord(body.poll);
  return content.trim() === '' && embeds === 0 && components === 0 && fileCount === 0 && attachments === 0 &&
    !stickers && !poll;
}

export function validateAutocompleteChoices(data: unknown, errors: FormErrors): void {
  if (!isRecord(data) || !Array.isArray(data.choices)) {
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (data.choices.length > 25) errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  data.choices.forEach((c: unknown, i) => {
    if (!isRecord(c)) return;
    maxLen(errors, ['data', 'choices', i, 'name'], c.name, 100, 1);
    if (typeof c.value === 'string') maxLen(errors, ['data', 'choices', i, 'value'], c.value, 100, 1);
    else if (typeof c.value !== 'number') errors.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
}

export function validateModal(data: unknown, errors: FormErrors): void {
  if (!isRecord(data)) {
    errors.add(['data'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  maxLen(errors, ['data', 'custom_id'], data.custom_id, 100, 1);
  maxLen(errors, ['data', 'title'], data.title, 45, 1);
  if (!Array.isArray(data.components) || data.components.length < 1 || data.components.length > 5) {
    errors.add(['data', 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
  }
}

export function validateThreadName(name: unknown, errors: FormErrors): void {
  maxLen(errors, ['name'], name, 100, 1);
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Validates a bulk-overwrite (PUT) command list. */
export function validateCommands(commands: unknown, errors: FormErrors): void {
  if (!Array.isArray(commands)) {
    errors.add([], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (commands.length > 100) errors.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const seen = new Set<string>();
  commands.forEach((cmd: unknown, i) => {
    if (!isRecord(cmd)) {
      errors.add([i], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return;
    }
    const type = typeof cmd.type === 'number' ? cmd.type : 1;
    const name = str(cmd.name);
    if (!name || !NAME_RE.test(name) || (type === 1 && name !== name.toLowerCase())) {
      errors.add([i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    const key = `${type}:${name ?? ''}`;
    if (seen.has(key)) errors.add([i, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
    if (type === 1) maxLen(errors, [i, 'description'], cmd.description, 100, 1);
    validateOptions(cmd.options, errors, [i, 'options']);
  });
}

/** Where an option list sits: a command's own options, a subcommand group's, or a subcommand's. */
type OptionLevel = 'command' | 'group' | 'subcommand';

const SUBCOMMAND = 1;
const SUBCOMMAND_GROUP = 2;

/**
 * Discord's nesting rules: a command's options are either all subcommands/groups or none of them;
 * a group holds only subcommands; a subcommand holds only plain options (so at most
 * command → group → subcommand → options).
 */
function validateNesting(options: unknown[], level: OptionLevel, errors: FormErrors, path: Array<string | number>): void {
  const types = options.filter(isRecord).map((o) => o.type);
  const nested = types.filter((t) => t === SUBCOMMAND || t === SUBCOMMAND_GROUP).length;
  const message = 'Sub-command and sub-command group option types are mutually exclusive to all other types';
  if (level === 'command' && nested > 0 && nested < types.length) errors.add(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message);
  types.forEach((t, i) => {
    if (level === 'group' && t !== SUBCOMMAND) errors.add([...path, i, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'A sub-command group may only contain sub-commands');
    if (level === 'subcommand' && (t === SUBCOMMAND || t === SUBCOMMAND_GROUP)) {
      errors.add([...path, i, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'A sub-command may not contain sub-commands or groups');
    }
  });
}

function validateOptions(options: unknown, errors: FormErrors, path: Array<string | number>, level: OptionLevel = 'command'): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  validateNesting(options, level, errors, path);
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((o: unknown, i) => {
    if (!isRecord(o)) return;
    const p = [...path, i];
    const name = str(o.name);
    if (!name || !NAME_RE.test(name) || name !== name.toLowerCase()) {
      errors.add([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    if (name && names.has(name)) errors.add([...p, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    if (name) names.add(name);
    maxLen(errors, [...p, 'description'], o.description, 100, 1);
    if (typeof o.type !== 'number' || o.type < 1 || o.type > 11) {
      errors.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.');
    }
    if (o.type === SUBCOMMAND || o.type === SUBCOMMAND_GROUP) {
      validateOptions(o.options, errors, [...p, 'options'], o.type === SUBCOMMAND ? 'subcommand' : 'group');
      return;
    }
    if (o.required === true) {
      if (sawOptional) errors.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    } else sawOptional = true;
    if (Array.isArray(o.choices)) {
      if (o.choices.length > 25) errors.add([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
      if (o.autocomplete === true && o.choices.length > 0) {
        errors.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE', 'Autocomplete cannot be set on options with choices');
      }
    }
    if (typeof o.max_length === 'number' && (o.max_length < 1 || o.max_length > 6000)) {
      errors.add([...p, 'max_length'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 6000.');
    }
  });
}
