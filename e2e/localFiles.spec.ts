import { expect, test } from '@playwright/test'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { fixtureRecords, fixtureRoot, miniJson, screenshot } from './support.ts'

const mini = fixtureRecords(miniJson)

test('a whole FineHARD folder picked at once is recognised: records, shards, url2key and local images', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('folder-input').setInputFiles(fixtureRoot)
  await expect(page.getByTestId('source-notes')).toContainText(/\d+ sources/)
  await page.getByTestId('source-notes').locator('summary').click()
  await expect(page.getByTestId('source-notes')).toContainText('parquet')
  await expect(page.getByTestId('source-notes')).toContainText('url2key')
  await expect(page.getByTestId('index-progress')).toContainText('records')
  const cell = page.locator('[data-testid=gallery-cell][data-index="0"]')
  await expect(cell.locator('img')).toBeVisible()
  await screenshot(page, 'local-folder-gallery')
  await cell.click()
  await expect(page.getByTestId('box-convention')).toContainText('prepared folder')
  await expect(page.getByTestId('long-caption')).toHaveText(mini[0].caption)
})

test('FG-OVD lines are detected by content, grouped by image, boxes converted from pixel xywh', async ({ page }) => {
  const line = (sent: number, image: string, bbox: number[], pos: string, negs: string[]) =>
    JSON.stringify({ img_path: image, bbox, pos_expression: [pos], neg_expression: negs, category_id: 1, neg_category_ids: [], width: 640, height: 480, image_id: 1, sent_id: sent, test_type: 'color' })
  const text = [
    line(1, 'val2017/000000000001.jpg', [64, 48, 320, 240], 'a red car', ['a blue car', 'a green car']),
    line(2, 'val2017/000000000001.jpg', [0, 0, 64, 48], 'a small dog', ['a big dog']),
    line(3, 'val2017/000000000002.jpg', [10, 10, 100, 100], 'a wooden chair', ['a metal chair']),
  ].join('\n')
  await page.goto('/')
  await page.getByTestId('file-input').setInputFiles({ name: 'fgovd_color.jsonl', mimeType: 'application/json', buffer: Buffer.from(text) })
  await expect(page.getByTestId('match-count')).toHaveText('2 records')
  await page.locator('[data-testid=gallery-cell][data-index="0"]').click()
  await expect(page.getByTestId('box-convention')).toContainText('pixel [x, y, w, h]')
  const rows = page.getByTestId('region-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.first().getByTestId('short-expr')).toHaveText('a red car')
  await expect(rows.first().getByTestId('negative')).toHaveText(['a blue car', 'a green car'])
  await expect(rows.first().getByTestId('region-extra')).toContainText('test_type: "color"')
  await expect(page.getByTestId('image-error')).toBeVisible()
  await screenshot(page, 'local-fgovd')
})

test('dropping files on the page opens data; dropping a model package loads the model', async ({ page }) => {
  await page.goto('/?model=none')
  await expect(page.getByTestId('gallery-cell').first()).toBeVisible()
  const drop = async (base: string, names: string[]) => {
    const dataTransfer = await page.evaluateHandle(
      async ({ base, names }) => {
        const transfer = new DataTransfer()
        for (const name of names) transfer.items.add(new File([await (await fetch(base + name)).blob()], name))
        return transfer
      },
      { base, names },
    )
    await page.locator('#root > div').dispatchEvent('drop', { dataTransfer })
  }
  await drop('/demo/jsonfiles/', ['demo_results.json'])
  await expect(page.getByTestId('source-notes')).toContainText('demo_results.json: 1 source')
  await expect(page.getByTestId('match-count')).toHaveText('300 records')
  await expect(page.getByTestId('model-bar')).toContainText('none')

  await drop('/demo/model/', ['manifest.json', 'image.onnx', 'text.onnx', 'tokenizer.json'])
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  await expect(page.getByTestId('model-status')).toContainText('FineHARD demo FG-CLIP')
  await expect(page.getByTestId('match-count')).toHaveText('300 records')
})

test('a JPEG with an EXIF rotation is shown and scored as stored, as FG-CLIP (PIL) and the CLI read it', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'exif-'))
  mkdirSync(join(dir, 'grit-12m/coyo_image_0/00000'), { recursive: true })
  mkdirSync(join(dir, 'jsonfiles'))
  await sharp({ create: { width: 64, height: 32, channels: 3, background: { r: 200, g: 30, b: 30 } } }).jpeg().withMetadata({ orientation: 6 }).toFile(join(dir, 'grit-12m/coyo_image_0/00000/000000000.jpg'))
  writeFileSync(join(dir, 'jsonfiles/exif_results.json'), JSON.stringify([{ caption: 'a red picture', short_caption: 'red', f_path: 'grit-20m/data-12m/coyo_image_0/00000/000000000.jpg', bbox_info: [{ bbox: [0.1, 0.1, 0.5, 0.9, 0.9], short_expr: 'a red area', long_expr: 'a red area', flag_short_neg: 0 }] }]))
  await page.goto('/?model=none')
  await page.getByTestId('folder-input').setInputFiles(dir)
  await page.locator('[data-testid=gallery-cell][data-index="0"]').click()
  await expect(page.getByTestId('box-convention')).toContainText('64×32 px')
  rmSync(dir, { recursive: true, force: true })
})
