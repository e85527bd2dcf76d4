import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../engine/errors.js';
import {
  NameRegistry,
  TinyPersonFactory,
  renderAvatarPng,
  renderAvatarSvg,
  avatarDataUri,
  rescaleQuantities,
  settleName,
} from '../../../engine/factory/index.js';
import { factoryScript } from '../../doubles/factory-script.js';
import { ScriptedModel } from '../../doubles/scripted-model.js';

async function inputError(run: () => Promise<unknown>): Promise<UserInputError> {
  const error = await run().catch((e) => e);
  expect(error).toBeInstanceOf(UserInputError);
  return error as UserInputError;
}

describe('bad inputs', () => {
  it('rejects panel sizes outside 1..max with an example', async () => {
    const model = new ScriptedModel(factoryScript());
    for (const count of [0, -1, 51, 2.5]) {
      const error = await inputError(() => new TinyPersonFactory(model).create({ count, description: 'US parents' }));
      expect(error.code).toBe('panel.size');
      expect(error.example).toBe('/panel create 20 US parents');
    }
    const small = await inputError(() =>
      new TinyPersonFactory(model, { maxCount: 10 }).create({ count: 11, description: 'US parents' }),
    );
    expect(small.message).toMatch(/between 1 and 10/);
    expect(model.requests.length).toBe(0);
  });

  it('rejects empty or nonsensical descriptions with a helpful message', async () => {
    const factory = new TinyPersonFactory(new ScriptedModel(factoryScript()));
    for (const description of ['', '   ', '!!!', '12345', 'ab', 'xkcd qwrtz', 'a'.repeat(501)]) {
      const error = await inputError(() => factory.create({ count: 3, description }));
      expect(error.code).toBe('panel.description');
      expect(error.message).toMatch(/e\.g\. "US parents"/);
    }
    await expect(factory.createOne('?')).rejects.toBeInstanceOf(UserInputError);
    const error = await inputError(() => factory.create({ count: 3, demography: { title: 'x' } as never }));
    expect(error.code).toBe('panel.demography');
  });

  it('accepts short real descriptions, including non-Latin scripts', async () => {
    const factory = new TinyPersonFactory(new ScriptedModel(factoryScript()));
    expect((await factory.create({ count: 1, description: 'gym rats' })).personas).toHaveLength(1);
    expect((await factory.create({ count: 1, description: '東京の学生' })).personas).toHaveLength(1);
  });
});

describe('helpers', () => {
  it('rescales quantities by largest remainder, never below zero', () => {
    expect(rescaleQuantities([5, 5, 7], 20)).toEqual([6, 6, 8]);
    expect(rescaleQuantities([1, -4, 0], 3)).toEqual([3, 0, 0]);
    expect(rescaleQuantities([0, 0], 3).reduce((a, b) => a + b)).toBe(3);
  });

  it('settles culture-aware names from the combination', () => {
    const names = new NameRegistry();
    const nigerian = settleName({ nationality: 'Nigerian', gender: 'Female' }, 'nurses', names, 1, 0);
    expect(nigerian.split(' ').pop()).toMatch(
      /^(Okafor|Adeyemi|Okonkwo|Balogun|Eze|Nwosu|Adebayo|Olawale|Bello|Obi|Abubakar|Afolabi|Ogunleye|Nnamdi|Ikenna|Uzor)$/,
    );
    expect(names.tryReserve(nigerian)).toBe(false);
  });

  it('draws deterministic avatars locally', () => {
    expect(renderAvatarSvg('Ngozi Okafor')).toBe(renderAvatarSvg('Ngozi Okafor'));
    expect(renderAvatarSvg('Ngozi Okafor')).not.toBe(renderAvatarSvg('Emily Smith'));
    const png = renderAvatarPng('Ngozi Okafor', 64);
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(64);
    expect(avatarDataUri('Ngozi Okafor', 'png')).toMatch(/^data:image\/png;base64,/);
  });
});
