fetch('SITE_ORIGIN/api/from/extension-page');
