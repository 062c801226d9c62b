// The native-space warning on the layer: none for the real SPM map (code 2, MNI field of view),
// one for an oblique scanner-space file (../shared/data/real/edge-cases/shear.nii.gz).
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { SPM_T, openApp } from './helpers';

test('a native-space map gets a visible warning on its layer; the SPM map does not', async ({ page }) => {
  await openApp(page);
  const input = page.getByTestId('open-file-input');
  await input.setInputFiles(SPM_T);
  const spm = page.getByTestId('layer-row').filter({ hasText: 'spmT_0001.nii.gz' });
  await expect(spm).toHaveCount(1, { timeout: 60_000 });
  await expect(spm.getByTestId('layer-warning')).toHaveCount(0);

  await input.setInputFiles(join(SPM_T, '..', '..', 'edge-cases', 'shear.nii.gz'));
  const shear = page.getByTestId('layer-row').filter({ hasText: 'shear.nii.gz' });
  await expect(shear).toHaveCount(1, { timeout: 60_000 });
  const warning = shear.getByTestId('layer-warning').filter({ hasText: 'probably not in MNI space' });
  await expect(warning).toHaveCount(1);
  await expect(warning).toContainText('oblique (rotated 19° against the MNI axes)');
  await expect(warning).toBeVisible();
});
