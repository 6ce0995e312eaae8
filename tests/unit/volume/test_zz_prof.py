import cProfile, pstats, time

def test_prof(vcloud):
    vid = vcloud.create_volume(name='p')['id']
    for _ in range(50):
        vcloud.show(vid, version='3.0')
    t = time.perf_counter()
    for _ in range(500):
        vcloud.show(vid, version='3.0')
    print('GET ms', (time.perf_counter() - t) / 500 * 1000)
    pr = cProfile.Profile(); pr.enable()
    for _ in range(300):
        vcloud.show(vid, version='3.0')
    pr.disable()
    st = pstats.Stats(pr); st.sort_stats('cumulative').print_stats(r'stratus|pecan/core.py:.*(find_controller|invoke_controller)|sqlalchemy/orm/session.py.*(execute|get)\b', 30)
