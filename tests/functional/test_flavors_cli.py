"""Flavors through the CLI: the defaults stack.sh makes, create, show,
private flavors scoped to projects, delete."""


def test_default_flavors_exist(cloud):
    names = {f['Name'] for f in cloud.cli_json('flavor', 'list')}
    assert {'m1.tiny', 'm1.small', 'm1.nano'} <= names


def test_flavor_create_show_delete(cloud):
    created = cloud.cli_json('flavor', 'create', '--ram', '256', '--disk',
                             '2', '--vcpus', '2', 'func.flavor')
    assert created['ram'] == 256 and created['vcpus'] == 2
    shown = cloud.cli_json('flavor', 'show', 'func.flavor')
    assert shown['id'] == created['id']
    cloud.cli('flavor', 'delete', 'func.flavor')
    result = cloud.cli('flavor', 'show', 'func.flavor', check=False)
    assert result.returncode != 0


def test_private_flavor_is_invisible_to_other_projects(cloud):
    cloud.cli_json('flavor', 'create', '--ram', '64', '--disk', '1',
                   '--vcpus', '1', '--private', 'func.private')
    try:
        names = {f['Name'] for f in cloud.cli_json('flavor', 'list',
                                                   user='demo')}
        assert 'func.private' not in names
        result = cloud.cli('flavor', 'show', 'func.private', user='demo',
                           check=False)
        assert result.returncode != 0
    finally:
        cloud.cli('flavor', 'delete', 'func.private')


def test_members_cannot_create_flavors(cloud):
    result = cloud.cli('flavor', 'create', '--ram', '64', '--disk', '1',
                       '--vcpus', '1', 'nope', user='demo', check=False)
    assert result.returncode != 0 and '403' in result.stderr
