"""processutils.execute: argument lists, C locale, errors with details."""
import pytest

from stratus.common import processutils


def test_runs_an_argument_list_in_the_c_locale():
    out, err = processutils.execute(['sh', '-c', 'echo "$LC_ALL" "$1"',
                                     'sh', 'a b;c'])
    assert (out, err) == ('C a b;c\n', '')


def test_failure_carries_exit_code_and_output():
    with pytest.raises(processutils.ProcessExecutionError) as e:
        processutils.execute(['sh', '-c', 'echo out; echo err >&2; exit 3'])
    assert (e.value.exit_code, e.value.stdout, e.value.stderr) == (
        3, 'out\n', 'err\n')
    assert "Command: sh -c 'echo out; echo err >&2; exit 3'" in str(e.value)


def test_accepted_exit_codes_and_missing_programs():
    processutils.execute(['sh', '-c', 'exit 5'], check_exit_code=(0, 5))
    with pytest.raises(processutils.ProcessExecutionError,
                       match='Command not found'):
        processutils.execute(['no-such-program-stratus'])
    with pytest.raises(processutils.ProcessExecutionError,
                       match='timed out'):
        processutils.execute(['sleep', '5'], timeout=0.1)
