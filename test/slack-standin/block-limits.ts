// Block Kit limits as Slack enforces them on chat.postMessage / chat.update / response_url. Slack answers a
// violation with `invalid_blocks` and one `[ERROR] ... [json-pointer:/blocks/..]` line per problem in
// response_metadata.messages; the stand-in does the same so a bot's error handling meets the real shape.

export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  id: 255,
  contextElements: 10,
  actionsElements: 25,
  imageAltText: 2000,
  markdownBlockText: 12000,
  messageText: 40000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
} as const;

const MESSAGE_BLOCK_TYPES = new Set([
  'section',
  'header',
  'divider',
  'context',
  'actions',
  'image',
  'rich_text',
  'input',
  'file',
  'video',
  'markdown',
  'table',
]);

export type BlocksVerdict = { ok: true } | { ok: false; error: 'invalid_blocks'; messages: string[] };

type Obj = Record<string, unknown>;

class Problems {
  readonly list: string[] = [];
  add(pointer: string, what: string): void {
    this.list.push(`[ERROR] ${what} [json-pointer:${pointer}]`);
  }
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkString(p: Problems, pointer: string, value: unknown, max: number, required: boolean): void {
  if (value === undefined) {
    if (required) p.add(pointer, 'missing required field');
    return;
  }
  if (typeof value !== 'string') return p.add(pointer, 'must be a string');
  if (value.length > max) p.add(pointer, `must be less than ${max + 1} characters`);
}

function checkTextObject(
  p: Problems,
  pointer: string,
  value: unknown,
  max: number,
  opts: { plainOnly?: boolean; required?: boolean } = {},
): void {
  if (value === undefined) {
    if (opts.required) p.add(pointer, 'missing required field');
    return;
  }
  if (!isObj(value)) return p.add(pointer, 'must be a text object');
  const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
    p.add(`${pointer}/type`, `must be ${allowed.join(' or ')}`);
  }
  if (typeof value.text !== 'string') return p.add(`${pointer}/text`, 'missing required field');
  if (value.text.length === 0) p.add(`${pointer}/text`, 'must be more than 0 characters');
  if (value.text.length > max) p.add(`${pointer}/text`, `must be less than ${max + 1} characters`);
}

function checkConfirm(p: Problems, pointer: string, value: unknown): void {
  if (value === undefined) return;
  if (!isObj(value)) return p.add(pointer, 'must be a confirmation object');
  checkTextObject(p, `${pointer}/title`, value.title, 100, { plainOnly: true, required: true });
  checkTextObject(p, `${pointer}/text`, value.text, 300, { required: true });
  checkTextObject(p, `${pointer}/confirm`, value.confirm, 30, { plainOnly: true, required: true });
  checkTextObject(p, `${pointer}/deny`, value.deny, 30, { plainOnly: true, required: true });
}

function checkOptions(p: Problems, pointer: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return p.add(pointer, 'must be an array');
  if (value.length > LIMITS.selectOptions)
    p.add(pointer, `no more than ${LIMITS.selectOptions} items allowed`);
  value.forEach((o, i) => {
    if (!isObj(o)) return p.add(`${pointer}/${i}`, 'must be an option object');
    checkTextObject(p, `${pointer}/${i}/text`, o.text, LIMITS.optionText, { required: true });
    checkString(p, `${pointer}/${i}/value`, o.value, LIMITS.optionValue, false);
  });
}

function checkElement(p: Problems, pointer: string, el: unknown, actionIds: Set<string>): void {
  if (!isObj(el)) return p.add(pointer, 'must be an element object');
  checkString(p, `${pointer}/action_id`, el.action_id, LIMITS.id, false);
  if (typeof el.action_id === 'string') {
    if (actionIds.has(el.action_id))
      p.add(`${pointer}/action_id`, 'action_id must be unique within the block');
    actionIds.add(el.action_id);
  }
  checkConfirm(p, `${pointer}/confirm`, el.confirm);
  switch (el.type) {
    case 'button':
      checkTextObject(p, `${pointer}/text`, el.text, LIMITS.buttonText, { plainOnly: true, required: true });
      checkString(p, `${pointer}/value`, el.value, LIMITS.buttonValue, false);
      checkString(p, `${pointer}/url`, el.url, LIMITS.url, false);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        p.add(`${pointer}/style`, 'must be primary or danger');
      }
      return;
    case 'static_select':
    case 'multi_static_select':
    case 'overflow':
    case 'radio_buttons':
    case 'checkboxes':
      return checkOptions(p, `${pointer}/options`, el.options);
    case 'image':
      checkString(p, `${pointer}/alt_text`, el.alt_text, LIMITS.imageAltText, true);
      return checkString(p, `${pointer}/image_url`, el.image_url, LIMITS.url, false);
    default:
      if (typeof el.type !== 'string') p.add(`${pointer}/type`, 'missing required field');
  }
}

function checkElements(p: Problems, pointer: string, value: unknown, max: number): void {
  if (!Array.isArray(value) || value.length === 0) return p.add(pointer, 'must provide at least one element');
  if (value.length > max) p.add(pointer, `no more than ${max} items allowed`);
  const actionIds = new Set<string>();
  value.forEach((el, i) => checkElement(p, `${pointer}/${i}`, el, actionIds));
}

function checkContextElements(p: Problems, pointer: string, value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) return p.add(pointer, 'must provide at least one element');
  if (value.length > LIMITS.contextElements)
    p.add(pointer, `no more than ${LIMITS.contextElements} items allowed`);
  value.forEach((el, i) => {
    if (isObj(el) && el.type === 'image') return checkElement(p, `${pointer}/${i}`, el, new Set());
    checkTextObject(p, `${pointer}/${i}`, el, LIMITS.sectionText, { required: true });
  });
}

function checkBlock(p: Problems, pointer: string, block: unknown, blockIds: Set<string>): void {
  if (!isObj(block)) return p.add(pointer, 'must be a block object');
  if (typeof block.type !== 'string' || !MESSAGE_BLOCK_TYPES.has(block.type)) {
    return p.add(`${pointer}/type`, `unsupported type: ${String(block.type)}`);
  }
  checkString(p, `${pointer}/block_id`, block.block_id, LIMITS.id, false);
  if (typeof block.block_id === 'string') {
    if (blockIds.has(block.block_id)) p.add(`${pointer}/block_id`, 'block_id must be unique in the message');
    blockIds.add(block.block_id);
  }
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        p.add(pointer, 'must provide either text or fields');
      }
      checkTextObject(p, `${pointer}/text`, block.text, LIMITS.sectionText);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields)) p.add(`${pointer}/fields`, 'must be an array');
        else {
          if (block.fields.length > LIMITS.sectionFields) {
            p.add(`${pointer}/fields`, `no more than ${LIMITS.sectionFields} items allowed`);
          }
          block.fields.forEach((f, i) =>
            checkTextObject(p, `${pointer}/fields/${i}`, f, LIMITS.sectionFieldText, { required: true }),
          );
        }
      }
      if (block.accessory !== undefined) checkElement(p, `${pointer}/accessory`, block.accessory, new Set());
      return;
    }
    case 'header':
      return checkTextObject(p, `${pointer}/text`, block.text, LIMITS.headerText, {
        plainOnly: true,
        required: true,
      });
    case 'context':
      return checkContextElements(p, `${pointer}/elements`, block.elements);
    case 'actions':
      return checkElements(p, `${pointer}/elements`, block.elements, LIMITS.actionsElements);
    case 'image':
      checkString(p, `${pointer}/alt_text`, block.alt_text, LIMITS.imageAltText, true);
      checkString(p, `${pointer}/image_url`, block.image_url, LIMITS.url, block.slack_file === undefined);
      return checkTextObject(p, `${pointer}/title`, block.title, 2000, { plainOnly: true });
    case 'markdown':
      return checkString(p, `${pointer}/text`, block.text, LIMITS.markdownBlockText, true);
    default:
      return;
  }
}

/** Validates a message's `blocks` array the way Slack does before posting it. */
export function validateBlocks(blocks: unknown): BlocksVerdict {
  const p = new Problems();
  if (!Array.isArray(blocks)) {
    p.add('/blocks', 'must be an array');
  } else {
    if (blocks.length > LIMITS.blocksPerMessage) {
      p.add('/blocks', `no more than ${LIMITS.blocksPerMessage} items allowed`);
    }
    const blockIds = new Set<string>();
    blocks.forEach((b, i) => checkBlock(p, `/blocks/${i}`, b, blockIds));
  }
  return p.list.length === 0 ? { ok: true } : { ok: false, error: 'invalid_blocks', messages: p.list };
}
