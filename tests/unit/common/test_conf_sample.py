"""etc/stratus/stratus.conf.sample must be what the generator makes now."""
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))


def test_sample_config_is_current(tmp_path):
    out = tmp_path / 'stratus.conf.sample'
    generator = os.path.join(os.path.dirname(sys.executable),
                             'oslo-config-generator')
    subprocess.run([generator, '--config-file',
                    os.path.join(REPO, 'etc/stratus/config-generator.conf'),
                    '--output-file', str(out)],
                   check=True, cwd=REPO, capture_output=True)
    with open(os.path.join(REPO, 'etc/stratus/stratus.conf.sample')) as f:
        committed = f.read()
    assert out.read_text() == committed, (
        'Regenerate with: oslo-config-generator --config-file '
        'etc/stratus/config-generator.conf')


def test_every_option_has_help():
    from stratus.common.conf import opts
    missing = ['%s.%s' % (group or 'DEFAULT', opt.name)
               for group, options in opts.list_opts() for opt in options
               if not (opt.help or '').strip()]
    assert missing == []
